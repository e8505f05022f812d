using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The run graph of one experiment, built once from its settings: one run per method (<see cref="Methods.All"/>) and
/// fold — face-net pre-training once for all folds, and only for a face net that is not pretrained — each trained from
/// its method's parents. Every config, parents' ids included, is known before anything trains, so a changed setting
/// shows up as new ids of exactly the runs it decides and their descendants, without touching the run store.
/// </summary>
public sealed class RunPlan
{
    private readonly Dictionary<(MethodSpec, int), PlannedRun> byFold = [];

    /// <summary>Face-net pre-training (shared by every fold); null for a pretrained face net.</summary>
    public PlannedRun? Pretrain { get; }
    public int FoldCount { get; }

    /// <param name="profile">The profile's name (the run store's folder).</param>
    /// <param name="faceNet">The experiment's face net.</param>
    /// <param name="settings">The effective settings.</param>
    /// <param name="data">The dataset as configs record it.</param>
    /// <param name="extra">Extra training data joined to every fold (SFEW + FER2013), or null.</param>
    /// <param name="unlabelled">The dataset stage 1 also regresses (<c>stage1.unlabelled</c>), or null.</param>
    /// <param name="faceCorpus">The face corpus pre-training uses (needed unless the face net is pretrained).</param>
    /// <param name="folds">How many folds (0 … folds − 1).</param>
    public RunPlan(string profile, FaceNetSpec faceNet, SettingValues settings, DataRef data, DataRef? extra, Func<DataRef>? faceCorpus, int folds,
        DataRef? unlabelled = null)
    {
        FoldCount = folds;
        if (!faceNet.Pretrained)
        {
            var corpus = faceCorpus?.Invoke() ?? throw new InvalidOperationException($"Face net '{faceNet.Name}' needs a face corpus to be pre-trained on.");
            Pretrain = new PlannedRun(Methods.Pretrain, null, RunConfig.For(Methods.Pretrain, faceNet, settings, profile, corpus, null), []);
        }
        for (var k = 0; k < folds; k++)
            foreach (var method in Methods.All.Where(m => m.PerFold))
            {
                var parents = method.Parents.Select(p => p == Methods.Pretrain ? Pretrain : byFold[(p, k)]).OfType<PlannedRun>().ToList();
                byFold[(method, k)] = new PlannedRun(method, k, RunConfig.For(method, faceNet, settings, profile, data, extra, unlabelled), parents);
            }
    }

    /// <summary>The run of <paramref name="method"/> on fold <paramref name="k"/> (<see cref="Methods.Pretrain"/> ignores k).</summary>
    /// <exception cref="ArgumentException">A pretrained face net's pre-training, or a fold outside the plan.</exception>
    public PlannedRun this[MethodSpec method, int k]
    {
        get
        {
            if (!method.PerFold)
                return Pretrain ?? throw new ArgumentException("This experiment's face net is pretrained: it has no pre-training run.");
            if (k < 0 || k >= FoldCount) throw new ArgumentException($"Fold {k} is outside this experiment's folds 0–{FoldCount - 1}.");
            return byFold[(method, k)];
        }
    }

    /// <summary>Every run in an order that trains parents first: pre-training, then fold by fold.</summary>
    public IEnumerable<PlannedRun> All => (Pretrain is null ? [] : new[] { Pretrain })
        .Concat(Enumerable.Range(0, FoldCount).SelectMany(k => Methods.All.Where(m => m.PerFold).Select(m => byFold[(m, k)])));
}
