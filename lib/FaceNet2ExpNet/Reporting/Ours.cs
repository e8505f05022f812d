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

    /// <summary>A method's accuracy per class, pooled over folds.</summary>
    public static object PerClass(MethodSummary? summary)
    {
        if (summary is null) return NoResults;
        var pooled = summary.PooledConfusion;
        return Reporting.Table.Of(summary.Classes.Select((c, i) => new
        {
            Class = c, Accuracy = pooled[i].Sum() == 0 ? "— (no test images)" : Say.Percent(summary.PerClassAccuracy[i]), TestImages = pooled[i].Sum(),
        }));
    }

    private static Note NoResults => new("(no results: the dataset is not prepared — the settings cell says how to prepare it)");
}
