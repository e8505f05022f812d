using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The effective settings of an experiment: the profile's sizes, its recipes for the chosen face net, then every
/// <c>--set name=value</c> override (<see cref="SettingNames"/>). Run configs are built from these values only, so an
/// override reaches every run it affects — and gets that run a new id — and no other.
/// </summary>
public sealed record TrainingSettings
{
    public required string Profile { get; init; }
    public required string FaceNet { get; init; }
    /// <summary>Side the images are loaded at; training crops <see cref="Network"/>.InputSize from it.</summary>
    public required int ImageSize { get; init; }
    public required NetworkSize Network { get; init; }
    /// <summary>How many folds to run (null = all of the dataset's).</summary>
    public int? Folds { get; init; }
    public required int BatchSize { get; init; }
    public required double Momentum { get; init; }
    public required double WeightDecay { get; init; }
    public required int Seed { get; init; }
    /// <summary>p of eq. 4's ‖g(I) − G(I)‖ₚᵖ.</summary>
    public required double RegressionP { get; init; }
    /// <summary>Stage 1 regresses the standardised teacher map from a zero bridge (<see cref="FaceNetRecipes.StandardizeTeacher"/>).</summary>
    public bool StandardizeTeacher { get; init; }
    /// <summary>FN2EN's ExpNet upsamples before its bridge (<see cref="FaceNetRecipes.UpsampleBeforeBridge"/>).</summary>
    public bool UpsampleBeforeBridge { get; init; }
    /// <summary>Precision (fp32 | bf16) and memory format (channels-last or not) of training and evaluation.</summary>
    public ComputeFormat Compute { get; init; } = ComputeFormat.Fp32;
    /// <summary>Face-net pre-training on the face corpus; null for a pretrained face net.</summary>
    public TrainingRecipe? Pretrain { get; init; }
    public required TrainingRecipe FineTune { get; init; }
    public required TrainingRecipe Scratch { get; init; }
    public required TrainingRecipe Stage1 { get; init; }
    public required TrainingRecipe Stage2 { get; init; }

    /// <summary>The profile's values with its recipes for <paramref name="faceNet"/>.</summary>
    public static TrainingSettings From(Profile profile, string faceNet)
    {
        var recipes = profile.RecipesFor(faceNet);
        return new TrainingSettings
        {
            Profile = profile.Name, FaceNet = faceNet, ImageSize = profile.ImageSize, Network = profile.Network, Folds = profile.Folds,
            BatchSize = profile.BatchSize, Momentum = profile.Momentum, WeightDecay = profile.WeightDecay, Seed = profile.Seed,
            RegressionP = profile.RegressionP, StandardizeTeacher = recipes.StandardizeTeacher, UpsampleBeforeBridge = recipes.UpsampleBeforeBridge,
            // A face net this libtorch cannot run channels-last keeps NCHW, scratch-BN too (one format per experiment); --set still wins.
            Compute = FaceNets.Spec(faceNet).ChannelsLast ? profile.Compute : profile.Compute with { ChannelsLast = false }, Pretrain = FaceNets.IsPretrained(faceNet) ? null : recipes.Pretrain,
            FineTune = recipes.FineTune, Scratch = profile.ScratchBn, Stage1 = recipes.Stage1, Stage2 = recipes.Stage2,
        };
    }

    /// <summary>These settings with <paramref name="overrides"/> applied in order (a later value of a name wins).</summary>
    /// <exception cref="ArgumentException">An unknown name (the message lists the valid ones) or a bad value.</exception>
    public TrainingSettings With(IEnumerable<KeyValuePair<string, string>> overrides) =>
        overrides.Aggregate(this, (s, o) => SettingNames.Find(o.Key).Set(s, o.Value));

    /// <summary>Every setting as "name = value" lines, overridden ones marked — what <c>fn2en run --show-config</c> prints.</summary>
    public string Describe(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var width = SettingNames.All.Max(s => s.Name.Length);
        return string.Join("\n", SettingNames.All.Select(s =>
        {
            var value = s.Get(this);
            var mark = overrides?.ContainsKey(s.Name) == true ? "   (--set)" : "";
            return $"{s.Name.PadRight(width)}  {value}{mark}";
        }));
    }
}
