using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// How one method's SGD runs: the learning rate and its step decay, the fewest optimizer steps a run gets however
/// small its data (<see cref="MinSteps"/>), a linear warm-up, the rate multiplier of the layers new in this stage
/// (Caffe's lr_mult: the fine-tuned face net's classifier, stage 2's FC head) and optional gradient-norm clipping.
/// Every field is a setting (<c>stage1.lr</c>, <c>stage1.min_steps</c>, …; <see cref="ScheduleSettings"/>).
/// </summary>
public sealed record Schedule
{
    public required double Lr { get; init; }
    public required int Epochs { get; init; }
    /// <summary>
    /// At least this many SGD steps: a set too small for <see cref="Epochs"/> to give them runs more epochs, with the
    /// decay and warm-up stretched alike (<see cref="StepSchedule.ForStepsPerEpoch"/>; 0 = epochs only).
    /// </summary>
    public int MinSteps { get; init; }
    /// <summary>Multiply the rate by <see cref="Gamma"/> every this many epochs (0 = never).</summary>
    public int StepEvery { get; init; }
    public double Gamma { get; init; } = 0.1;
    /// <summary>Epochs over which the rate ramps up linearly, step by step, from near 0 (0 = none).</summary>
    public int WarmupEpochs { get; init; }
    /// <summary>Rate multiplier of the layers new in this stage (1 = same rate as the rest).</summary>
    public double NewLayerLrMult { get; init; } = 1;
    /// <summary>Clip the global gradient norm to this (null = no clipping).</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>The learning-rate schedule the trainer follows.</summary>
    public StepSchedule LrSchedule => new(Lr, Epochs, StepEvery, Gamma, WarmupEpochs, MinSteps);

    /// <summary>Shorthand for profile tables: rate, epochs, the epoch interval of ×0.1 steps and the minimum steps.</summary>
    public static Schedule Sgd(double lr, int epochs, int stepEvery = 0, int minSteps = 0) =>
        new() { Lr = lr, Epochs = epochs, StepEvery = stepEvery, MinSteps = minSteps };
}

/// <summary>
/// The settings of one method's <see cref="Schedule"/>, named by the method's prefix (<c>stage1.lr</c>,
/// <c>stage1.epochs</c>, <c>stage1.min_steps</c>, <c>stage1.step_every</c>, <c>stage1.gamma</c>,
/// <c>stage1.warmup_epochs</c>, <c>stage1.new_layer_lr_mult</c>, <c>stage1.clip_grad_norm</c>); each decides only that
/// method's runs. Declared once here for every method.
/// </summary>
public sealed class ScheduleSettings
{
    public ScheduleSettings(MethodSpec method, Schedule paper)
    {
        var p = method.SettingPrefix;
        bool Decides(RunKind r) => r.Method == method;
        var what = method.PaperName;
        Lr = Setting.Real($"{p}.lr", $"{what}: base learning rate", paper.Lr, Decides, Setting.Positive);
        Epochs = Setting.Int($"{p}.epochs", $"{what}: epochs", paper.Epochs, Decides, Setting.Positive);
        MinSteps = Setting.Int($"{p}.min_steps", $"{what}: at least this many SGD steps; smaller sets get more epochs, decay and warm-up stretched alike (0 = epochs only)",
            paper.MinSteps, Decides, Setting.NonNegative);
        StepEvery = Setting.Int($"{p}.step_every", $"{what}: multiply the rate by gamma every this many epochs (0 = never)", paper.StepEvery, Decides, Setting.NonNegative);
        Gamma = Setting.Real($"{p}.gamma", $"{what}: step factor", paper.Gamma, Decides, v => v > 0 && v <= 1 ? null : "in (0, 1]");
        WarmupEpochs = Setting.Int($"{p}.warmup_epochs", $"{what}: linear warm-up epochs (0 = none)", paper.WarmupEpochs, Decides, Setting.NonNegative);
        NewLayerLrMult = Setting.Real($"{p}.new_layer_lr_mult", $"{what}: rate multiplier of the layers new in this stage", paper.NewLayerLrMult, Decides, Setting.Positive);
        ClipGradNorm = Setting.RealOrNone($"{p}.clip_grad_norm", $"{what}: clip the gradient norm to this (none = no clipping)", paper.ClipGradNorm, Decides);
    }

    public Setting<double> Lr { get; }
    public Setting<int> Epochs { get; }
    public Setting<int> MinSteps { get; }
    public Setting<int> StepEvery { get; }
    public Setting<double> Gamma { get; }
    public Setting<int> WarmupEpochs { get; }
    public Setting<double> NewLayerLrMult { get; }
    public Setting<double> ClipGradNorm { get; }

    public IReadOnlyList<Setting> All => [Lr, Epochs, MinSteps, StepEvery, Gamma, WarmupEpochs, NewLayerLrMult, ClipGradNorm];

    /// <summary>The schedule these settings hold in <paramref name="values"/>.</summary>
    public Schedule Read(ISettingSource values) => new()
    {
        Lr = values.Get(Lr), Epochs = values.Get(Epochs), MinSteps = values.Get(MinSteps), StepEvery = values.Get(StepEvery),
        Gamma = values.Get(Gamma), WarmupEpochs = values.Get(WarmupEpochs), NewLayerLrMult = values.Get(NewLayerLrMult),
        ClipGradNorm = values.Get(ClipGradNorm) is var c && double.IsPositiveInfinity(c) ? null : c,
    };

    /// <summary><paramref name="values"/> with every field of <paramref name="schedule"/>.</summary>
    public SettingValues Write(SettingValues values, Schedule schedule) => values
        .With(Lr, schedule.Lr).With(Epochs, schedule.Epochs).With(MinSteps, schedule.MinSteps).With(StepEvery, schedule.StepEvery)
        .With(Gamma, schedule.Gamma).With(WarmupEpochs, schedule.WarmupEpochs).With(NewLayerLrMult, schedule.NewLayerLrMult)
        .With(ClipGradNorm, schedule.ClipGradNorm ?? double.PositiveInfinity);
}
