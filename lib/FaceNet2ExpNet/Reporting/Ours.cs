using System.Globalization;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// The results notebooks' displays of our numbers (05–09, one template). Each takes what the notebook's cells computed
/// — null when the dataset is not prepared, and then shows a note instead (the settings cell says how to prepare it), so
/// the same cells run on every machine.
/// </summary>
public static partial class Ours
{
    /// <summary>Ours beside the paper's figure: method, mean ± std over folds, folds, paper.</summary>
    public static object Table(ResultsTable? results) => results is null ? NoResults
        : Reporting.Table.Of(results.Rows.Select(r => new { r.Method, r.Ours, r.Folds, r.Paper }));

    /// <summary>Our mean accuracy beside the paper's figure, per method (<see cref="Charts.Accuracies"/>).</summary>
    public static object AccuracyChart(ResultsTable? results) => results is null ? NoResults : Charts.Accuracies(results);

    /// <summary>A method's confusion matrix pooled over folds, rows normalised (Figs. 6–9; <see cref="Charts.Confusion"/>).</summary>
    public static object Confusion(MethodSummary? summary, string dataset) => summary is null ? NoResults
        : Charts.Confusion($"{dataset}: {summary.Method.PaperName} confusion matrix (%)", summary);

    /// <summary>
    /// Each method's accuracy per class, pooled over folds, side by side — a row per class ("72.2 % (13 of 18)"), its test
    /// images, and a last row with the mean over the classes that have test images (every class weighted alike, so a
    /// rare class a method never gets right shows there; the paper reports overall accuracy). Null summaries are skipped;
    /// with none, the not-prepared note. The paper discusses classes from its confusion matrices (Figs. 6–9).
    /// </summary>
    /// <exception cref="ArgumentException">The summaries have different classes or were pooled over different test
    /// images (folds) — their per-class figures would not compare.</exception>
    public static object PerClass(params MethodSummary?[] summaries)
    {
        var methods = summaries.OfType<MethodSummary>().ToList();
        if (methods.Count == 0) return NoResults;
        var classes = methods[0].Classes;
        var pooled = methods.Select(m => m.PooledConfusion).ToList();   // summed over folds once per method, not per cell
        var images = pooled[0].Select(row => row.Sum()).ToArray();
        for (var j = 1; j < methods.Count; j++)
            if (!methods[j].Classes.SequenceEqual(classes) || !pooled[j].Select(row => row.Sum()).SequenceEqual(images))
                throw new ArgumentException($"{methods[j].Method.PaperName} and {methods[0].Method.PaperName} were pooled over different classes or test images " +
                                            "(different folds?): their per-class accuracies do not compare.", nameof(summaries));
        var accuracies = pooled.Select(FoldMetrics.ClassAccuracies).ToList();
        var header = new List<string> { "Class", "Test images" };
        header.AddRange(methods.Select(m => m.Method.PaperName));
        var rows = classes.Select((c, i) => (IReadOnlyList<string>)new List<string> { c, images[i].ToString(CultureInfo.InvariantCulture) }
            .Concat(pooled.Select((p, j) => accuracies[j][i] is { } a ? $"{Say.Percent(a)} ({p[i][i]} of {images[i]})" : "—"))
            .ToList()).ToList();
        rows.Add(new List<string> { "mean over classes", images.Sum().ToString(CultureInfo.InvariantCulture) }
            .Concat(methods.Select(m => Say.Percent(m.MeanPerClassAccuracy))).ToList());
        return new Table(header, rows);
    }

    private static Note NoResults => new("(no results: the dataset is not prepared — the settings cell says how to prepare it)");
}
