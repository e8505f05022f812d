using FaceNet2ExpNet.Experiments.Recipes;

namespace FaceNet2ExpNet.Experiments;

public sealed partial class Experiment
{
    /// <summary>The store's run of <paramref name="planned"/>, trained now (parents first) unless it is finished.</summary>
    public Run Ensure(PlannedRun planned)
    {
        var run = store.Open(planned.Config, planned.FoldName);
        var label = Label(planned);
        if (run.IsFinished)
        {
            if (announced.Add(run.Folder))
                Log.WriteLine($"[{label}] reused {Shown(run)}{(run.Metrics.Accuracy is { } a ? $" (accuracy {a:P1})" : "")}");
            return run;
        }
        foreach (var parent in planned.Parents) Ensure(parent);
        Log.WriteLine($"[{label}] training → {Shown(run)}");
        var (metrics, history) = Recipe.For(planned.Method).Train(new RunContext(this, planned, run, label));
        run.Finish(metrics, history);
        announced.Add(run.Folder);
        Log.WriteLine($"[{label}] done{(metrics.Accuracy is { } acc ? $": test accuracy {acc:P1}" : $": final loss {metrics.FinalTrainingLoss:G4}")}");
        return run;
    }

    /// <summary>The store's run of <paramref name="planned"/>, which must be finished.</summary>
    /// <exception cref="RunNotTrainedException">It is not (the message says how to train it).</exception>
    public Run Finished(PlannedRun planned)
    {
        var run = store.Open(planned.Config, planned.FoldName);
        if (run.IsFinished) return run;
        throw new RunNotTrainedException(
            $"{Label(planned)} is not trained yet ({Shown(run)}). Train it with `fn2en run --dataset {Settings.Dataset} --profile {Profile.Name}" +
            $"{(Settings.FaceNet is { } f ? $" --face-net {f}" : "")}{string.Concat(Settings.Overrides.Select(o => $" --set {o.Key}={o.Value}"))}`, " +
            $"or from a notebook with experiment.RunAll() / experiment.Ensure(\"{planned.Method}\", {planned.Fold ?? 0}).");
    }

    private string Label(PlannedRun planned) => planned.Fold is { } k ? $"{planned.Method} fold {k + 1}/{FoldCount}" : planned.Method;

    /// <summary>A run's folder relative to the working directory, so logs (and executed notebooks) do not depend on the clone's path.</summary>
    private static string Shown(Run run) => Path.GetRelativePath(Environment.CurrentDirectory, run.Folder);
}
