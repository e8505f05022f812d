using System.Net;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// The "What we see" of a notebook: short statements generated from the numbers the notebook printed above (never
/// typed in by hand), so they stay true on every profile and after every re-run. Shown as an HTML list and as text.
/// </summary>
public sealed record Findings(IReadOnlyList<string> Points)
{
    public string ToHtml() => "<ul>" + string.Concat(Points.Select(p => $"<li>{WebUtility.HtmlEncode(p)}</li>")) + "</ul>";

    /// <summary>A Markdown list (a twin's report).</summary>
    public string ToMarkdown() => string.Join("\n", Points.Select(p => $"- {p}"));

    public override string ToString() => string.Join(Environment.NewLine, Points.Select(p => $"• {p}"));
}
