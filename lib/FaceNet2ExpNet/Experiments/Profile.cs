using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One experiment definition, three sizes: smoke (CI, seconds), quick (CPU laptop, minutes) and
/// paper (the paper's settings; GPU). A profile changes sizes and schedules only, never the method.
/// </summary>
public sealed record Profile
{
    public required string Name { get; init; }
    /// <summary>Sizes of the synthetic default data generated for this profile.</summary>
    public required SyntheticOptions Synthetic { get; init; }
    /// <summary>Side the images are loaded at (the paper: 256); training crops <see cref="Network"/>.InputSize from it.</summary>
    public required int ImageSize { get; init; }
    /// <summary>Crop size and channel width of ExpNet and the VGG-16 face net.</summary>
    public required NetworkSize Network { get; init; }
    /// <summary>The face net: "vgg16-bn" (pre-trained here in minutes) or "vgg16" (the paper's VGG-16, no batch norm).</summary>
    public string FaceNet { get; init; } = "vgg16-bn";
    /// <summary>How many folds to run (null = all of the dataset's).</summary>
    public int? Folds { get; init; }
    public int BatchSize { get; init; } = 64;
    public double WeightDecay { get; init; } = 5e-4;
    public int Seed { get; init; } = 1;
    /// <summary>p of the stage-1 loss ‖g(I) − G(I)‖ₚᵖ (eq. 4).</summary>
    public double RegressionP { get; init; } = 2;
    /// <summary>Face net pre-training on the face-recognition corpus (identity classification).</summary>
    public required StepSchedule FacePretrain { get; init; }
    /// <summary>"VGG Fine-Tune (baseline)": the pre-trained face net fine-tuned on the fold's expressions.</summary>
    public required StepSchedule FineTune { get; init; }
    /// <summary>"Train From Scratch (BN)": ExpNet with batch norm, cross-entropy only.</summary>
    public required StepSchedule ScratchBn { get; init; }
    /// <summary>FN2EN stage 1 (paper: lr 1e-7, decreased after 100 of 300 epochs).</summary>
    public required StepSchedule Stage1 { get; init; }
    /// <summary>Gradient-norm clipping for stage 1 (null = none, as the paper finally chose; it notes clipping allows a bigger rate).</summary>
    public double? Stage1ClipGradNorm { get; init; }
    /// <summary>FN2EN stage 2 (paper: lr 1e-4, ×0.1 after 20 of 50 epochs).</summary>
    public required StepSchedule Stage2 { get; init; }

    public static Profile Smoke { get; } = new()
    {
        Name = "smoke", Synthetic = SyntheticOptions.Smoke, ImageSize = 40, Network = new NetworkSize(32, 0.125), Folds = 2, BatchSize = 32,
        FacePretrain = new(0.01, 2, 0), FineTune = new(0.005, 1, 0), ScratchBn = new(0.01, 1, 0), Stage1 = new(1e-4, 1, 0), Stage1ClipGradNorm = 250, Stage2 = new(0.005, 1, 0),
    };

    /// <summary>
    /// CPU laptop, about 11 minutes on 2 cores: 64 px crops at width ⅛, the first 5 of the 10 folds. Stage 1 needs its
    /// epochs (its loss explains ~65 % of the teacher's variance after 30, a few % after 10) and clipping: a randomly
    /// initialised ExpNet's first regression gradients (norm 2,000–10,000) otherwise blow up some folds at this rate.
    /// </summary>
    public static Profile Quick { get; } = new()
    {
        Name = "quick", Synthetic = SyntheticOptions.Quick, ImageSize = 72, Network = new NetworkSize(64, 0.125), Folds = 5,
        FacePretrain = new(0.03, 10, 7), FineTune = new(0.01, 10, 7), ScratchBn = new(0.03, 10, 7),
        Stage1 = new(3e-4, 30, 20), Stage1ClipGradNorm = 250, Stage2 = new(0.01, 12, 8),
    };

    /// <summary>The paper's settings (Sec. IV-A); face-net pre-training/fine-tuning schedules are not given there and are ours.</summary>
    public static Profile Paper { get; } = new()
    {
        Name = "paper", Synthetic = SyntheticOptions.Paper, FaceNet = "vgg16", ImageSize = 256, Network = NetworkSize.Paper,
        FacePretrain = new(0.01, 30, 10), FineTune = new(1e-4, 30, 10), ScratchBn = new(0.01, 50, 20),
        Stage1 = new(1e-7, 300, 100), Stage2 = new(1e-4, 50, 20),
    };

    public static Profile Named(string name) => name.ToLowerInvariant() switch
    {
        "smoke" => Smoke, "quick" => Quick, "paper" => Paper,
        _ => throw new ArgumentException($"Unknown profile '{name}'; use smoke, quick or paper."),
    };
}
