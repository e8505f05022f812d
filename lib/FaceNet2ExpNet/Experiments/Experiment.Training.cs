using FaceNet2ExpNet.Experiments.Claims;
using FaceNet2ExpNet.Experiments.Recipes;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>A run this process did not train because another process holds its claim (or its parent's) and waiting was off.</summary>
public sealed record SkippedRun(string Run, string Reason);

public sealed partial class Experiment
{
    private readonly List<SkippedRun> skipped = [];

    /// <summary>
    /// The store's run of <paramref name="planned"/>, trained now (parents first) unless it is finished. A run another
    /// process is training is waited for (<see cref="ExperimentSettings.Claims"/>); a stale claim is taken over and the
    /// run resumes from its checkpoint. A finished run whose metrics.json is damaged is re-evaluated from its checkpoint;
    /// a parent whose final checkpoint is damaged retrains its last epoch from the previous checkpoint.
    /// </summary>
    /// <exception cref="RunNotTrainedException">Another process trains the run (or a parent) and waiting is off.</exception>
    /// <exception cref="RunClaimLostException">Another process took the run over while this one trained it.</exception>
    public Run Ensure(PlannedRun planned) => TryEnsure(planned, asParent: false)
        ?? throw new RunNotTrainedException($"{Label(planned)}: {skipped[^1].Reason}; not waiting for it (Claims.Wait is off).");

    /// <summary>The run, or null when it was skipped because another process holds it (or a parent) and waiting is off.</summary>
    private Run? TryEnsure(PlannedRun planned, bool asParent)
    {
        var run = store.Open(planned.Config, planned.FoldName);
        var label = Label(planned);
        if (Reusable(run, asParent, label, out _)) return run;
        foreach (var parent in planned.Parents)
        {
            if (TryEnsure(parent, asParent: true) is not null) continue;
            return Skip(label, $"its parent {Label(parent)} is being trained by another process");
        }
        var attempt = RunClaims.Acquire(run.Folder, label, Settings.Claims, Log);
        if (attempt.Claim is not { } claim) return Skip(label, $"{attempt.HeldBy} is training it");
        using (claim)
        {
            if (Reusable(run, asParent, label, out var problem)) return run;   // finished by the process we waited for
            if (problem is not null)
            {
                Log.WriteLine($"[{label}] {problem} — redoing the run from its newest good checkpoint");
                run.Unfinish();
            }
            Log.WriteLine($"[{label}] training → {Shown(run)}");
            FaceNet2ExpNet.Reporting.FoldMetrics metrics;
            TrainingHistory history;
            var context = new RunContext(planned, run, Data, FaceNetSpec, Device, Log, Finished, claim.Lost);
            try { (metrics, history) = planned.Method.Recipe.Train(context); }
            catch (OperationCanceledException e) when (claim.LostReason is { } reason) { throw new RunClaimLostException(reason, e); }
            claim.EnsureHeld();
            run.Finish(metrics, history);
            announced.Add(run.Folder);
            Log.WriteLine($"[{label}] done{(metrics.Accuracy is { } acc ? $": test accuracy {acc:P1}" : $": final loss {metrics.FinalTrainingLoss:G4}")}");
            return run;
        }
    }

    /// <summary>
    /// True when <paramref name="run"/> is finished and usable (announced once as reused). Otherwise false, with
    /// <paramref name="problem"/> saying what is damaged if it is finished but not usable: its metrics.json, or — for a
    /// parent, whose weights its children load — its final checkpoint.
    /// </summary>
    private bool Reusable(Run run, bool asParent, string label, out string? problem)
    {
        problem = null;
        if (!run.IsFinished) return false;
        problem = run.MetricsProblem();
        if (problem is null && asParent && !Checkpoint.IsIntact(run.CheckpointDir))
            problem = $"{Path.Combine(run.CheckpointDir, Checkpoint.Last)} (the final weights) is damaged";
        if (problem is not null) return false;
        if (announced.Add(run.Folder))
            Log.WriteLine($"[{label}] reused {Shown(run)}{(run.Metrics.Accuracy is { } a ? $" (accuracy {a:P1})" : "")}");
        return true;
    }

    private Run? Skip(string label, string reason)
    {
        skipped.Add(new SkippedRun(label, reason));
        Log.WriteLine($"[{label}] skipped: {reason} (not waiting: --no-wait)");
        return null;
    }

    /// <summary>The store's run of <paramref name="planned"/>, which must be finished with readable metrics.</summary>
    /// <exception cref="RunNotTrainedException">It is not, or its metrics.json is damaged (the message says how to train or repair it).</exception>
    public Run Finished(PlannedRun planned)
    {
        var run = store.Open(planned.Config, planned.FoldName);
        if (!run.IsFinished)
            throw new RunNotTrainedException($"{Label(planned)} is not trained yet ({Shown(run)}). Train it with {HowToRun(planned)}" +
                (store.FinishedUnderOtherSettings(planned.Config, planned.FoldName) is [var other, ..] ? $", or use the one finished with {other}." : "."));
        if (run.MetricsProblem() is { } problem)
            throw new RunNotTrainedException($"{problem}. {HowToRun(planned)} re-evaluates the run from its checkpoint.");
        return run;
    }

    private string HowToRun(PlannedRun planned) =>
        $"`{Command("run")}{(planned.Fold is { } k && FoldCount > 1 ? $" --folds {k}" : "")}` " +
        $"(or, in a notebook, experiment.RunAll() / experiment.Ensure(Methods.{MethodMember(planned.Method)}, {planned.Fold ?? 0}))";

    private static string MethodMember(MethodSpec m) => typeof(Methods).GetProperties().First(p => p.GetValue(null) == m).Name;

    /// <summary>The fn2en command line of this experiment's settings, e.g. "fn2en results --dataset synthetic-ck --profile quick".</summary>
    public string Command(string verb) =>
        $"fn2en {verb} --dataset {Settings.Dataset} --profile {Profile.Name}{(Settings.FaceNet is { } f ? $" --face-net {f}" : "")}" +
        $"{(Settings.ExtraTrainingData is { } x ? $" --extra-training {x}" : "")}" +
        $"{(Settings.DataRoot != "data" ? $" --data {Settings.DataRoot}" : "")}{(Settings.RunsRoot != "runs" ? $" --runs {Settings.RunsRoot}" : "")}" +
        Settings.SetOptions;

    private static string Label(PlannedRun planned) => planned.Label;

    /// <summary>A run's folder relative to the working directory, so logs (and executed notebooks) do not depend on the clone's path.</summary>
    private static string Shown(Run run) => Path.GetRelativePath(Environment.CurrentDirectory, run.Folder);
}
