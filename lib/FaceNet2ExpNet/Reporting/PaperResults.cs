namespace FaceNet2ExpNet.Reporting;

/// <summary>One row of a results table in the paper.</summary>
public sealed record PaperRow(string Method, double Accuracy, string Note = "");

/// <summary>The paper's published average accuracies (Tables III–VI, held in <see cref="PaperDatasets"/>), for side-by-side display.</summary>
public static class PaperResults
{
    /// <summary>The paper table a dataset is compared with (the synthetic CK+-like sets with CK+'s).</summary>
    public static (string Table, IReadOnlyList<PaperRow> Rows) For(string dataset) =>
        PaperDatasets.For(dataset) is { Table: { } table } d ? (table, d.Results) : ("(no paper table for this dataset)", []);

    /// <summary>The paper's figure for one of our methods on a dataset, if it reports one.</summary>
    public static double? Figure(string dataset, Experiments.MethodSpec method, bool extraData = false)
    {
        var rows = For(dataset).Rows.Where(r => r.Method == method.PaperName && (r.Note == "+ FER2013") == extraData).ToList();
        return rows.Count == 0 ? null : rows[^1].Accuracy;
    }
}
