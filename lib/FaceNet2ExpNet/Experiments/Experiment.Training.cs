using FaceNet2ExpNet.Experiments.Recipes;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

public sealed partial class Experiment
{
    /// <summary>
    /// The store's run of <paramref name="planned"/>, trained now (parents first) unless it is finished. A finished run
    /// whose metrics.json is damaged is re-evaluated from its checkpoint; a parent whose final checkpoint is damaged
    /// retrains its last epoch from the previous checkpoint.
    /// </summary>
    public Run Ensure(PlannedRun planned) => Ensure(planned, asParent: false);

    private Run Ensure(PlannedRun planned, bool asParent)
    {
        var run = store.Open(planned.Config, planned.FoldName);
        var label = Label(planned);
        if (run.IsFinished)
        {
            var problem = run.MetricsProblem();
            if (problem is null && asParent && !Checkpoint.IsIntact(run.CheckpointDir))
                problem = $"{Path.Combine(run.CheckpointDir, Checkpoint.Last)} (the final weights) is damaged";
            if (problem is null)
            {
                if (announced.Add(run.Folder))
                    Log.WriteLine($"[{label}] reused {Shown(run)}{(run.Metrics.Accuracy is { } a ? $" (accuracy {a:P1})" : "")}");
                return run;
            }
            Log.WriteLine($"[{label}] {problem} — redoing the run from its newest good checkpoint");
            run.Unfinish();
        }
        foreach (var parent in planned.Parents) Ensure(parent, asParent: true);
        Log.WriteLine($"[{label}] training → {Shown(run)}");
        var (metrics, history) = Recipe.For(planned.Method).Train(new RunContext(this, planned, run, label));
        run.Finish(metrics, history);
        announced.Add(run.Folder);
        Log.WriteLine($"[{label}] done{(metrics.Accuracy is { } acc ? $": test accuracy {acc:P1}" : $": final loss {metrics.FinalTrainingLoss:G4}")}");
        return run;
    }

    /// <summary>The store's run of <paramref name="planned"/>, which must be finished with readable metrics.</summary>
    /// <exception cref="RunNotTrainedException">It is not, or its metrics.json is damaged (the message says how to train or repair it).</exception>
    public Run Finished(PlannedRun planned)
    {
        var run = store.Open(planned.Config, planned.FoldName);
        if (!run.IsFinished)
            throw new RunNotTrainedException($"{Label(planned)} is not trained yet ({Shown(run)}). Train it with {HowToRun(planned)}.");
        if (run.MetricsProblem() is { } problem)
            throw new RunNotTrainedException($"{problem}. {HowToRun(planned)} re-evaluates the run from its checkpoint.");
        return run;
    }

    private string HowToRun(PlannedRun planned) =>
        $"`fn2en run --dataset {Settings.Dataset} --profile {Profile.Name}{(Settings.FaceNet is { } f ? $" --face-net {f}" : "")}" +
        $"{string.Concat(Settings.Overrides.Select(o => $" --set {o.Key}={o.Value}"))}` " +
        $"(or, in a notebook, experiment.RunAll() / experiment.Ensure(\"{planned.Method}\", {planned.Fold ?? 0}))";

    private string Label(PlannedRun planned) => planned.Fold is { } k ? $"{planned.Method} fold {k + 1}/{FoldCount}" : planned.Method;

    /// <summary>A run's folder relative to the working directory, so logs (and executed notebooks) do not depend on the clone's path.</summary>
    private static string Shown(Run run) => Path.GetRelativePath(Environment.CurrentDirectory, run.Folder);
}
