using System.Text.Json.Nodes;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>A fold's size: its training and test images.</summary>
public sealed record FoldSize(string Key, int Train, int Test)
{
    /// <summary>A CK+ fold (1,308 images in 10 folds): 1,177 training, 131 test images.</summary>
    public static FoldSize CkPlus { get; } = new("ck_plus", 1177, 131);
    /// <summary>A 200-image dataset's fold: 183 training, 20 test images.</summary>
    public static FoldSize Small { get; } = new("200_images", 183, 20);
}

/// <summary>
/// What a fold's run time follows from, besides the measured speeds: the batch size, stage 1's teacher views per
/// training image (<c>stage1.target_augmentations</c>; 0 = the teacher on every step) and each method's schedule.
/// </summary>
public sealed record FoldSchedules(int BatchSize, int TargetViews, StepSchedule FineTune, StepSchedule ScratchBn, StepSchedule Stage1, StepSchedule Stage2)
{
    /// <summary>The schedules of a face net's effective settings (e.g. <see cref="Profile.Resolve"/> of the cpu profile).</summary>
    public static FoldSchedules Of(SettingValues values) => new(values.Get(Setting.BatchSize), values.Get(Setting.TargetAugmentations),
        values.ScheduleOf(Methods.FineTune).LrSchedule, values.ScheduleOf(Methods.ScratchBn).LrSchedule,
        values.ScheduleOf(Methods.Stage1).LrSchedule, values.ScheduleOf(Methods.Fn2En).LrSchedule);
}

/// <summary>
/// Measured speeds, in images per second, at the fold's own input size, width, batch and format: training steps as the
/// trainer runs them (forward + loss, backward, gradient norm, SGD with momentum and weight decay) and evaluation
/// forward passes (eval mode, no gradients).
/// </summary>
public sealed record FoldRates
{
    /// <summary>Scratch-BN's ExpNet training step.</summary>
    public required double ScratchBnTrain { get; init; }
    /// <summary>Scratch-BN's ExpNet evaluation (its per-epoch test evaluation).</summary>
    public required double ScratchBnEval { get; init; }
    /// <summary>The face net's fine-tuning step (every layer).</summary>
    public required double FineTuneTrain { get; init; }
    /// <summary>The face net's forward at the crop size: stage 1's teacher targets (training views and held-out images) and the fine-tune's test evaluation.</summary>
    public required double FaceNetEval { get; init; }
    /// <summary>The stage-1 step from cached targets (ExpNet's conv layers regress a fixed target).</summary>
    public required double Stage1Train { get; init; }
    /// <summary>The stage-2 step (the whole ExpNet, cross-entropy).</summary>
    public required double Stage2Train { get; init; }
    /// <summary>FN2EN's ExpNet evaluation: stage 1's per-epoch held-out FVU and stage 2's per-epoch test evaluation.</summary>
    public required double ExpNetEval { get; init; }
    /// <summary>Decoding the dataset's files, once per fold (the experiment loads every image once); null = not counted.</summary>
    public double? Decode { get; init; }
    /// <summary>Making a training batch (random crop + flip + normalise), every step; null = not counted.</summary>
    public double? Batches { get; init; }
}

/// <summary>
/// One method's share of a fold: its epochs and SGD steps (the trainer's own arithmetic) and seconds — training
/// steps, making their batches, per-epoch test evaluation, and the teacher's targets (stage 1 only).
/// </summary>
public sealed record MethodTime(string Method, int Epochs, int Steps, double TrainSeconds, double BatchSeconds, double EvalSeconds, double TeacherSeconds)
{
    public double Seconds => TrainSeconds + BatchSeconds + EvalSeconds + TeacherSeconds;
}

/// <summary>
/// The predicted wall time of one fold of an experiment with a pretrained face net (fine-tune, scratch-BN, FN2EN stage 1
/// and stage 2; a randomly initialised face net's pre-training is shared by the folds and not counted), from measured
/// speeds. Per method: steps = epochs × ⌈n / batch⌉ stretched to at least min_steps exactly as the trainer stretches
/// them (<see cref="Trainer.Batches"/>, <see cref="StepSchedule.ForStepsPerEpoch"/>), × the step time (batch / img/s);
/// + every epoch's test evaluation (epochs × test images at the evaluated net's rate); stage 1 adds the teacher's targets
/// (views × training images, plus the held-out images once, at the face net's evaluation rate); and once per fold the
/// decoding of its images. Not counted (not measured by the bench): checkpoints (at most one a minute), model loading,
/// and the rate changes a loaded machine brings.
/// </summary>
public sealed record FoldTimeEstimate(FoldSize Size, IReadOnlyList<MethodTime> Methods, double DecodeSeconds)
{
    public double TotalSeconds => Methods.Sum(m => m.Seconds) + DecodeSeconds;

    /// <summary>The estimate of a fold of <paramref name="size"/> under <paramref name="schedules"/> at <paramref name="rates"/>.</summary>
    public static FoldTimeEstimate Predict(FoldSize size, FoldSchedules schedules, FoldRates rates)
    {
        var batch = schedules.BatchSize;
        var perEpoch = Trainer.Batches(size.Train, batch).Count;
        MethodTime Method(MethodSpec method, StepSchedule schedule, double train, double eval, Func<int, double>? teacher = null)
        {
            var epochs = schedule.ForStepsPerEpoch(perEpoch).Epochs;
            var steps = epochs * perEpoch;
            return new MethodTime(method.Key, epochs, steps, steps * batch / train, rates.Batches is { } b ? steps * batch / b : 0,
                epochs * (double)size.Test / eval, teacher?.Invoke(steps) ?? 0);
        }
        // Stage 1: the teacher once per training view and held-out image, or (0 views) on every step's batch.
        double Teacher(int steps) => ((schedules.TargetViews > 0 ? (double)schedules.TargetViews * size.Train : (double)steps * batch) + size.Test) / rates.FaceNetEval;
        return new FoldTimeEstimate(size,
        [
            Method(Experiments.Methods.FineTune, schedules.FineTune, rates.FineTuneTrain, rates.FaceNetEval),
            Method(Experiments.Methods.ScratchBn, schedules.ScratchBn, rates.ScratchBnTrain, rates.ScratchBnEval),
            Method(Experiments.Methods.Stage1, schedules.Stage1, rates.Stage1Train, rates.ExpNetEval, Teacher),
            Method(Experiments.Methods.Fn2En, schedules.Stage2, rates.Stage2Train, rates.ExpNetEval),
        ], rates.Decode is { } d ? (size.Train + size.Test) / d : 0);
    }

    /// <summary>
    /// As JSON: <c>{train_images, test_images, total_s, decode_s, methods: {key: {epochs, steps, seconds, train_s,
    /// batches_s, eval_s, teacher_s}}}</c>, seconds to 0.1 s.
    /// </summary>
    public JsonObject ToJson()
    {
        var methods = new JsonObject();
        foreach (var m in Methods)
            methods[m.Method] = new JsonObject
            {
                ["epochs"] = m.Epochs, ["steps"] = m.Steps, ["seconds"] = S(m.Seconds), ["train_s"] = S(m.TrainSeconds),
                ["batches_s"] = S(m.BatchSeconds), ["eval_s"] = S(m.EvalSeconds), ["teacher_s"] = S(m.TeacherSeconds),
            };
        return new JsonObject
        {
            ["train_images"] = Size.Train, ["test_images"] = Size.Test, ["total_s"] = S(TotalSeconds), ["decode_s"] = S(DecodeSeconds), ["methods"] = methods,
        };
    }

    private static double S(double seconds) => Math.Round(seconds, 1);
}
