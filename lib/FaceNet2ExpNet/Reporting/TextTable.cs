using System.Text;

namespace FaceNet2ExpNet.Reporting;

/// <summary>Plain-text tables with aligned columns (the text/plain side of a chart or table in a notebook).</summary>
public static class TextTable
{
    /// <summary>A header line and one line per row; the first column left-aligned, the others right-aligned.</summary>
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, c) => all.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in all)
        {
            var cells = row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            sb.AppendLine(string.Join("  ", cells).TrimEnd());
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>A number in the invariant culture with <paramref name="format"/> (e.g. "F1").</summary>
    public static string Number(double value, string format = "0.###") =>
        value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
