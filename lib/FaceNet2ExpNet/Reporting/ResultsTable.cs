using System.Text;

namespace FaceNet2ExpNet.Reporting;

/// <summary>A row of our results beside the paper's: method, mean ± std over folds (fractions), folds run, the paper's
/// figure (%, null when the paper reports none for this method).</summary>
public sealed record ResultsRow(string Method, string Ours, double Mean, double Std, int Folds, double? PaperFigure)
{
    /// <summary>The paper's figure as printed here ("89.9 %"), or "—".</summary>
    public string Paper => PaperFigure is { } p ? $"{p:F1} %" : "—";
}

/// <summary>The results table of one dataset (Tables III–VI analogue).</summary>
public sealed record ResultsTable(string Dataset, string PaperTable, IReadOnlyList<ResultsRow> Rows)
{
    /// <summary>What the runs were made with, e.g. "profile quick, face net faceres" (shown under the title).</summary>
    public string? Setup { get; init; }

    public static ResultsTable From(string dataset, IEnumerable<MethodSummary> methods, bool extraData = false, string? setup = null)
    {
        var rows = methods.Select(m =>
        {
            var paper = PaperResults.Figure(dataset, m.Method, extraData);
            return new ResultsRow(m.Method.PaperName, m.MeanStd, Math.Round(m.Mean, 4), Math.Round(m.Std, 4), m.Accuracies.Count, paper);
        }).ToList();
        return new ResultsTable(dataset, PaperResults.For(dataset).Table, rows) { Setup = setup };
    }

    /// <summary>Plain-text table for the console.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{Dataset}: average accuracy over folds (paper: {PaperTable}){(Setup is null ? "" : $"; {Setup}")}");
        sb.AppendLine($"  {"Method",-26} {"Ours",-18} {"Folds",5}  {"Paper",8}");
        foreach (var r in Rows) sb.AppendLine($"  {r.Method,-26} {r.Ours,-18} {r.Folds,5}  {r.Paper,8}");
        return sb.ToString().TrimEnd();
    }

    /// <summary>Markdown table for the README.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        if (Setup is not null) sb.AppendLine($"{Dataset}, {Setup}").AppendLine();
        sb.AppendLine("| Method | Ours (mean ± std over folds) | Folds | Paper |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var r in Rows) sb.AppendLine($"| {r.Method} | {r.Ours} | {r.Folds} | {r.Paper} |");
        return sb.ToString().TrimEnd();
    }
}
