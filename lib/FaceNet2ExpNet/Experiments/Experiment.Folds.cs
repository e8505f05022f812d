using System.Diagnostics;
using FaceNet2ExpNet.Experiments.Claims;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Experiments;

public sealed partial class Experiment
{
    /// <summary>
    /// Trains the missing runs of <paramref name="methods"/> on <paramref name="folds"/> (default: every fold of the
    /// experiment), parents first — what one process of a fold-parallel job does (<c>fn2en run --folds 3</c>). Runs other
    /// processes are training are waited for, or skipped when <see cref="ExperimentSettings.Claims"/> says not to wait.
    /// </summary>
    /// <returns>The runs skipped because another process holds them (empty when waiting).</returns>
    /// <exception cref="ArgumentException">An unknown method, or a fold outside the experiment's (the message says how to include it).</exception>
    public IReadOnlyList<SkippedRun> Train(IReadOnlyCollection<MethodSpec>? methods = null, IReadOnlyCollection<int>? folds = null)
    {
        methods = CheckMethods(methods);
        folds = CheckFolds(folds);
        // Build the face net once before anything trains: missing weights (vggface) or a layer it lacks are one line now, not after scratch-BN.
        if (methods.Any(m => m.UsesFaceNet)) _ = TeacherShape;
        var clock = Stopwatch.StartNew();
        var before = skipped.Count;
        var pending = folds.Where(k => Unfinished(methods, k)).ToList();   // once: the store is not read again per fold
        foreach (var k in folds)
        {
            var foldClock = Stopwatch.StartNew();
            foreach (var m in methods) TryEnsure(Plan[m, k], asParent: false);
            if (folds.Count > 1 && pending.IndexOf(k) is var i and >= 0) Log.WriteLine(FoldReady(k, foldClock.Elapsed, pending.Count - i - 1));
        }
        var skippedNow = skipped.Skip(before).ToList();
        var which = folds.Count == FoldCount ? "all runs" : $"the runs of fold{(folds.Count > 1 ? "s" : "")} {FoldSelection.Format(folds)}";
        Log.WriteLine(skippedNow.Count == 0
            ? $"[{Settings.Dataset}] {which} ready in {clock.Elapsed:hh\\:mm\\:ss}"
            : $"[{Settings.Dataset}] {which}: {skippedNow.Count} skipped (other processes are training them), the rest ready in {clock.Elapsed:hh\\:mm\\:ss}");
        return skippedNow;
    }

    private bool Unfinished(IReadOnlyCollection<MethodSpec> methods, int k) =>
        methods.Any(m => Plan[m, k] is var p && !store.Locate(p.Config, p.FoldName).IsFinished);

    /// <summary>"[ck-plus] fold 4 trained in 23m47s; 5 folds still to train, ≈ 1h58m at that pace" — the last fold's
    /// time, because the first may include a shared pre-training and the machine's load changes.</summary>
    private string FoldReady(int k, TimeSpan took, int foldsLeft) =>
        $"[{Settings.Dataset}] fold {k} trained in {Training.ProgressLine.Duration(took)}" + (foldsLeft == 0 ? ""
            : $"; {foldsLeft} fold{(foldsLeft > 1 ? "s" : "")} still to train, ≈ {Training.ProgressLine.Duration(took * foldsLeft)} at that pace");

    /// <summary>
    /// The results table from whichever runs of <paramref name="methods"/> are finished, and the runs still missing —
    /// not trained, being trained by another process (who), or with a damaged metrics.json (which file, and the command
    /// that repairs it). Never trains, writes nothing, and never throws for a missing or damaged run: what <c>fn2en results</c> prints.
    /// </summary>
    public ResultsSoFar ResultsSoFar(IReadOnlyCollection<MethodSpec>? methods = null)
    {
        methods = CheckMethods(methods);
        var missing = new List<MissingRun>();
        var summaries = methods.Select(method => new MethodSummary(method, Enumerable.Range(0, FoldCount).Select(k =>
        {
            var planned = Plan[method, k];
            var run = store.Locate(planned.Config, planned.FoldName);
            if (!run.IsFinished)
            {
                missing.Add(new MissingRun(method, k, Shown(run), WhyUnfinished(planned), Damaged: false)
                    { FinishedWith = store.FinishedUnderOtherSettings(planned.Config, planned.FoldName) });
                return null;
            }
            try { return run.Metrics; }
            catch (InvalidDataException e)
            {
                missing.Add(new MissingRun(method, k, Shown(run), $"{e.Message}; `{Command("run")} --folds {k}` re-evaluates it from its checkpoint", Damaged: true));
                return null;
            }
        }).OfType<FoldMetrics>().ToList())).ToList();
        return new ResultsSoFar(ResultsTable.From(Settings.Dataset, summaries, Settings.ExtraTrainingData is not null, Setup), missing, FoldCount);
    }

    /// <summary>
    /// Fold <paramref name="k"/>'s training time in seconds: the epoch times of all its runs (every per-fold method:
    /// fine-tune, scratch-BN, FN2EN's stages 1 and 2) summed from their log.csv (<see cref="Run.EpochSeconds"/>), or null
    /// until every one of them is finished. Never trains and writes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A fold outside the experiment's.</exception>
    /// <exception cref="InvalidDataException">A finished run's log.csv is missing or damaged (the message names it).</exception>
    public double? FoldSeconds(int k)
    {
        CheckFolds([k]);
        var runs = Plan.All.Where(p => p.Fold == k).Select(p => store.Locate(p.Config, p.FoldName)).ToList();
        return runs.All(r => r.IsFinished) ? runs.Sum(r => r.EpochSeconds) : null;
    }

    /// <summary>"not trained yet", or who is training it (or the parent it waits for).</summary>
    private string WhyUnfinished(PlannedRun planned)
    {
        var folder = store.Locate(planned.Config, planned.FoldName).Folder;
        if (RunClaims.Holder(folder) is { } holder) return $"being trained by {holder}";
        foreach (var parent in planned.Parents)
        {
            var parentRun = store.Locate(parent.Config, parent.FoldName);
            if (!parentRun.IsFinished && WhyUnfinished(parent) is var why && why.StartsWith("being trained", StringComparison.Ordinal))
                return $"not trained yet; its parent {Label(parent)} is {why}";
        }
        return "not trained yet";
    }

    private IReadOnlyCollection<int> CheckFolds(IReadOnlyCollection<int>? folds)
    {
        if (folds is null) return Enumerable.Range(0, FoldCount).ToList();
        foreach (var k in folds)
        {
            if (k >= 0 && k < FoldCount) continue;
            var all = Dataset.FoldCount;
            throw new ArgumentException(k >= all
                ? $"Fold {k} does not exist: {Settings.Dataset} has {all} folds (0–{all - 1})."
                : $"Fold {k} is not one of this experiment's folds 0–{FoldCount - 1} (the setting folds = {FoldCount}; {Settings.Dataset} has {all}). " +
                  $"Add --set folds=all (or folds={k + 1}) to make it part of the experiment — and give the same setting to `fn2en results`.");
        }
        return folds;
    }
}
