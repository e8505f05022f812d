namespace FaceNet2ExpNet.Reporting;

/// <summary>The paper's published results as a notebook shows them (the numbers are in <see cref="PaperResults"/>).</summary>
public static class Paper
{
    /// <summary>The paper's table for <paramref name="dataset"/>, row by row as printed (with the training-data column where it has one).</summary>
    public static Table Table(string dataset)
    {
        var rows = PaperResults.For(dataset).Rows;
        return rows.Any(r => r.Note != "")
            ? Reporting.Table.Of(rows.Select(r => new { r.Method, Accuracy = $"{r.Accuracy:0.0#} %", Training = r.Note == "" ? "this dataset only" : r.Note }))
            : Reporting.Table.Of(rows.Select(r => new { r.Method, Accuracy = $"{r.Accuracy:0.0#} %" }));
    }
}
