using FaceNet2ExpNet.Data;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>Everything that decides a training run besides the model and the loss. Recorded in each run's config.</summary>
public sealed record TrainerOptions
{
    public required StepSchedule Schedule { get; init; }
    public int BatchSize { get; init; } = 64;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    public int Seed { get; init; } = 1;
    /// <summary>Side of the network input; training takes random crops of this size, evaluation the centre crop.</summary>
    public required int Crop { get; init; }
    public Normalization Normalization { get; init; } = Normalization.Standard;
    /// <summary>Folder for the last checkpoint and history; null = no checkpoints (and no resume).</summary>
    public string? CheckpointDir { get; init; }
    /// <summary>Write a checkpoint every this many epochs (and always after the last).</summary>
    public int CheckpointEvery { get; init; } = 1;
    /// <summary>
    /// And only once this many seconds have passed since the last (0 = after every such epoch): a full-width ExpNet's
    /// checkpoint is ~85 MB, and a small set stretched to hundreds of short epochs (min_steps) should not write one each.
    /// The first and the last epoch are always saved.
    /// </summary>
    public double CheckpointSeconds { get; init; }
    /// <summary>
    /// Clip the global gradient norm to this value before each step (null = no clipping). Sec. IV-A: the paper tried
    /// clipping for stage 1's very large regression loss and found it allows a bigger learning rate.
    /// </summary>
    public double? ClipGradNorm { get; init; }
    /// <summary>A step diverges when its loss exceeds this many times the run's first loss (or is not finite).</summary>
    public double DivergenceFactor { get; init; } = 1e4;
    /// <summary>Divergences rolled back (to the last good checkpoint, learning rate × <see cref="RollbackFactor"/>) before the run stops.</summary>
    public int MaxRollbacks { get; init; } = 3;
    /// <summary>Steps in a row whose gradient is not finite (with a finite loss) that are skipped before it counts as a divergence.</summary>
    public int MaxSkippedSteps { get; init; } = 2;
    /// <summary>What each rollback multiplies the learning rate by.</summary>
    public double RollbackFactor { get; init; } = 0.1;
    /// <summary>Seconds between progress lines inside an epoch (an end-of-epoch line is always printed).</summary>
    public double ProgressSeconds { get; init; } = 30;
    public Device? Device { get; init; }
    /// <summary>
    /// Stops training (<see cref="OperationCanceledException"/>) before the next step or checkpoint once cancelled — when
    /// another process has taken the run over (Experiments/Claims). Default: never.
    /// </summary>
    public CancellationToken Cancellation { get; init; }
    /// <summary>Called with the history after every finished epoch (the run store writes log.csv from it).</summary>
    public Action<TrainingHistory>? EpochDone { get; init; }
    /// <summary>Precision (fp32 | bf16 autocast) and memory format of the forward pass and loss; parameters stay fp32.</summary>
    public ComputeFormat Compute { get; init; } = ComputeFormat.Fp32;
}
