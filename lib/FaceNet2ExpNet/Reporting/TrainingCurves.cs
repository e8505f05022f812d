using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Reporting;

/// <summary>Per-epoch curves read from finished runs' histories (notebook 04's charts).</summary>
public static class TrainingCurves
{
    /// <summary>
    /// A metric of the per-epoch history (e.g. "test_acc"), averaged over <paramref name="runs"/> epoch by epoch (over
    /// the epochs every run has), ×<paramref name="scale"/> (100: a fraction as %).
    /// </summary>
    public static IReadOnlyList<double> Mean(IReadOnlyList<Run> runs, string metric, double scale = 100)
    {
        var curves = runs.Select(r => (r.History ?? throw new InvalidOperationException($"{r.Folder}: the run has no training history."))
            .Epochs.Select(e => e.Metrics[metric]).ToList()).ToList();
        return Enumerable.Range(0, curves.Min(c => c.Count)).Select(e => scale * curves.Average(c => c[e])).ToList();
    }

    /// <summary><see cref="Mean(IReadOnlyList{Run}, string, double)"/> over the finished runs of <paramref name="method"/> on every fold of <paramref name="experiment"/>.</summary>
    public static IReadOnlyList<double> Mean(Experiment experiment, MethodSpec method, string metric, double scale = 100) =>
        Mean([.. Enumerable.Range(0, experiment.FoldCount).Select(k => experiment.Run(method, k))], metric, scale);
}
