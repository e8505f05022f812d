using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One experiment definition, three sizes: smoke (CI, seconds), quick (CPU laptop, minutes) and paper (the paper's
/// settings; GPU). A profile changes sizes and schedules only, never the method; its schedules are per face net
/// (<see cref="Recipes"/>), and every value can be overridden by name (<see cref="SettingNames"/>).
/// </summary>
public sealed partial record Profile
{
    public required string Name { get; init; }
    /// <summary>Sizes of the synthetic default data generated for this profile.</summary>
    public required SyntheticOptions Synthetic { get; init; }
    /// <summary>Side the images are loaded at (the paper: 256); training crops <see cref="Network"/>.InputSize from it.</summary>
    public required int ImageSize { get; init; }
    /// <summary>Crop size and channel width of ExpNet and the VGG-16 face net.</summary>
    public required NetworkSize Network { get; init; }
    /// <summary>The face net for the synthetic default data (pre-trained here on the synthetic identities).</summary>
    public string FaceNet { get; init; } = FaceNets.Vgg16BnName;
    /// <summary>
    /// The face net for real datasets: a net pretrained on real faces. faceapi-resnet: on a validation split of fold 0's
    /// training subjects faceres' FN2EN validates at 57.8 % against faceapi-resnet's 55.6 % (4 of 180 images apart,
    /// within the split's epoch-to-epoch swing) and its fine-tune at 73.3 % against 81.1 %; the 5 quick test folds agree
    /// with the fine-tune ranking (FN2EN 59.3 vs 69.2 %, fine-tune 82.0 vs 90.4 %; docs/face-nets.md).
    /// </summary>
    public string RealFaceNet { get; init; } = FaceNets.FaceApiResNetName;
    /// <summary>How many folds to run (null = all of the dataset's).</summary>
    public int? Folds { get; init; }
    public int BatchSize { get; init; } = 64;
    /// <summary>SGD momentum (the paper: 0.9).</summary>
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    public int Seed { get; init; } = 1;
    /// <summary>p of the stage-1 loss ‖g(I) − G(I)‖ₚᵖ (eq. 4).</summary>
    public double RegressionP { get; init; } = 2;
    /// <summary>Precision and memory format of every run's training and evaluation (settings <c>precision</c>, <c>channels_last</c>).</summary>
    public ComputeFormat Compute { get; init; } = ComputeFormat.Fp32;
    /// <summary>"Train From Scratch (BN)": ExpNet with batch norm, cross-entropy only (no face net involved).</summary>
    public required TrainingRecipe ScratchBn { get; init; }
    /// <summary>Per face net (by <see cref="FaceNets"/> name): pre-training, fine-tuning, stage 1 and stage 2.</summary>
    public required IReadOnlyDictionary<string, FaceNetRecipes> Recipes { get; init; }

    /// <summary>The recipes for <paramref name="faceNet"/>.</summary>
    /// <exception cref="ArgumentException">This profile has none for that face net.</exception>
    public FaceNetRecipes RecipesFor(string faceNet) => Recipes.TryGetValue(faceNet, out var r) ? r
        : throw new ArgumentException($"Profile '{Name}' has no schedules for face net '{faceNet}'; it has them for {string.Join(", ", Recipes.Keys)}.");

    /// <summary>The built-in profiles by name.</summary>
    public static IReadOnlyList<Profile> All => [Smoke, Quick, Paper];

    public static Profile Named(string name) => All.FirstOrDefault(p => p.Name == name.ToLowerInvariant())
        ?? throw new ArgumentException($"Unknown profile '{name}'; use {string.Join(", ", All.Select(p => p.Name))}.");
}
