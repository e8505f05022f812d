using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The run graph of one experiment, built once from its settings: the face net's pre-training (if it is not
/// pretrained), then per fold the fine-tune baseline on it, scratch-BN, FN2EN stage 1 on the fine-tuned face net and
/// stage 2 on stage 1. Every config — parents' ids included — is known before anything trains, so a changed setting
/// shows up as new ids downstream without touching the run store.
/// </summary>
public sealed class RunPlan
{
    private readonly Dictionary<(string, int), PlannedRun> byFold = [];

    /// <summary>Face-net pre-training (shared by every fold); null for a pretrained face net.</summary>
    public PlannedRun? Pretrain { get; }
    public int FoldCount { get; }

    /// <param name="settings">The effective settings (face net, sizes, recipes).</param>
    /// <param name="data">The dataset as configs record it.</param>
    /// <param name="extra">Extra training data joined to every fold (SFEW + FER2013), or null.</param>
    /// <param name="faceCorpus">The face corpus pre-training uses (needed unless the face net is pretrained).</param>
    /// <param name="folds">How many folds (0 … folds − 1).</param>
    public RunPlan(TrainingSettings settings, DataRef data, DataRef? extra, Func<DataRef>? faceCorpus, int folds)
    {
        FoldCount = folds;
        RunConfig Config(string method, DataRef on, TrainingRecipe recipe, bool usesFaceNet = true) => new()
        {
            Method = method, Data = on, ExtraTrainingData = on == data ? extra : null, Profile = settings.Profile,
            ImageSize = settings.ImageSize, Network = settings.Network, Recipe = recipe, BatchSize = settings.BatchSize,
            WeightDecay = settings.WeightDecay, Momentum = settings.Momentum, Seed = settings.Seed,
            FaceNet = usesFaceNet ? settings.FaceNet : null, RegressionP = method == Methods.Stage1 ? settings.RegressionP : null,
            StandardizeTeacher = method == Methods.Stage1 && settings.StandardizeTeacher ? true : null,
            UpsampleBeforeBridge = method is Methods.Stage1 or Methods.Fn2En && settings.UpsampleBeforeBridge ? true : null,
            Compute = settings.Compute == ComputeFormat.Fp32 ? null : settings.Compute,
        };

        if (settings.Pretrain is { } pretrain)
        {
            var corpus = faceCorpus?.Invoke() ?? throw new InvalidOperationException($"Face net '{settings.FaceNet}' needs a face corpus to be pre-trained on.");
            Pretrain = new PlannedRun(Methods.Pretrain, null, Config(Methods.Pretrain, corpus, pretrain) with { ExtraTrainingData = null }, []);
        }
        for (var k = 0; k < folds; k++)
        {
            var fineTune = Add(new PlannedRun(Methods.FineTune, k, Config(Methods.FineTune, data, settings.FineTune), Pretrain is null ? [] : [Pretrain]));
            Add(new PlannedRun(Methods.ScratchBn, k, Config(Methods.ScratchBn, data, settings.Scratch, usesFaceNet: false), []));
            var stage1 = Add(new PlannedRun(Methods.Stage1, k, Config(Methods.Stage1, data, settings.Stage1), [fineTune]));
            Add(new PlannedRun(Methods.Fn2En, k, Config(Methods.Fn2En, data, settings.Stage2), [stage1]));
        }
    }

    private PlannedRun Add(PlannedRun run)
    {
        byFold[(run.Method, run.Fold!.Value)] = run;
        return run;
    }

    /// <summary>The run of <paramref name="method"/> on fold <paramref name="k"/> (<see cref="Methods.Pretrain"/> ignores k).</summary>
    /// <exception cref="ArgumentException">Unknown method or a fold outside the plan.</exception>
    public PlannedRun this[string method, int k]
    {
        get
        {
            if (method == Methods.Pretrain)
                return Pretrain ?? throw new ArgumentException("This experiment's face net is pretrained: it has no pre-training run.");
            if (k < 0 || k >= FoldCount) throw new ArgumentException($"Fold {k} is outside this experiment's folds 0–{FoldCount - 1}.");
            return byFold.TryGetValue((method, k), out var run) ? run
                : throw new ArgumentException($"Unknown method '{method}'; use {string.Join(", ", new[] { Methods.Pretrain, Methods.FineTune, Methods.ScratchBn, Methods.Stage1, Methods.Fn2En })}.");
        }
    }

    /// <summary>Every run in an order that trains parents first: pre-training, then fold by fold.</summary>
    public IEnumerable<PlannedRun> All => (Pretrain is null ? [] : new[] { Pretrain })
        .Concat(Enumerable.Range(0, FoldCount).SelectMany(k => new[] { Methods.FineTune, Methods.ScratchBn, Methods.Stage1, Methods.Fn2En }.Select(m => byFold[(m, k)])));
}
