using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebook 04: stage 2 and the baselines (Sec. III-B, eq. 5; Sec. IV) — every method on every fold (trained here when
/// missing), their test accuracy over epochs (mean over folds) and training loss on fold 0.
/// </summary>
public sealed class Stage2Notebook(NotebookParameters parameters) : IDisposable
{
    private readonly NotebookExperiment experiment = new(parameters);
    private ResultsTable? table;

    public NotebookParameters Parameters => parameters;

    /// <summary>Every method's mean ± std over folds beside the paper's figure.</summary>
    public Table Results() => ResultsNotebook.Rows(Outcome);

    /// <summary>Test accuracy after each epoch, averaged over folds (the last epoch's model is the one reported).</summary>
    public ChartFigure AccuracyCurves() => Charts.Curves("Test accuracy during training (mean over folds)",
        NotebookExperiment.Methods.Select(m => (m.PaperName, MeanAccuracyCurve(m))), "test accuracy (%)");

    /// <summary>Training loss per epoch on fold 0, one line per method.</summary>
    public ChartFigure LossCurves() => Charts.Curves("Training loss, fold 0",
        NotebookExperiment.Methods.Select(m => (m.PaperName, experiment.History(m, 0).Losses)), "cross-entropy");

    /// <summary>"What we see", generated from the results and curves above.</summary>
    public Findings WhatWeSee()
    {
        var points = new List<string>
        {
            "Results: " + string.Join("; ", Outcome.Rows.Select(r => $"{r.Method} {r.Ours} (paper {r.Paper})")) + ".",
        };
        foreach (var m in NotebookExperiment.Methods)
        {
            var curve = MeanAccuracyCurve(m);
            var best = curve.Max();
            var at = curve.ToList().IndexOf(best) + 1;
            points.Add(curve.Count == 1
                ? $"{m.PaperName}: mean test accuracy {Say.Percent(curve[0] / 100)} after its only epoch at this profile."
                : $"{m.PaperName}: mean test accuracy {Say.Percent(curve[^1] / 100)} after the last of {curve.Count} epochs" +
                  (at == curve.Count ? ", the highest of the run." : $"; highest {Say.Percent(best / 100)} after epoch {at}."));
        }
        points.Add(Say.Scale(parameters));
        return new Findings(points);
    }

    private ResultsTable Outcome => table ??= experiment.Results();

    /// <summary>Test accuracy (%) after each epoch, averaged over folds (over the epochs every fold has).</summary>
    private IReadOnlyList<double> MeanAccuracyCurve(Experiments.MethodSpec method)
    {
        var curves = Enumerable.Range(0, experiment.FoldCount)
            .Select(k => experiment.History(method, k).Epochs.Select(e => e.Metrics["test_acc"]).ToList()).ToList();
        return Enumerable.Range(0, curves.Min(c => c.Count)).Select(e => 100 * curves.Average(c => c[e])).ToList();
    }

    public void Dispose() => experiment.Dispose();
}
