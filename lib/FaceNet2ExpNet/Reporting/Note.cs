using System.Net;

namespace FaceNet2ExpNet.Reporting;

/// <summary>A message in place of a result that cannot be shown here (e.g. a dataset that is not prepared).</summary>
public sealed record Note(string Text)
{
    public string ToHtml() => $"<p><b>{WebUtility.HtmlEncode(Text)}</b></p>";

    /// <summary>Bold Markdown (a twin's report).</summary>
    public string ToMarkdown() => $"**{Text}**";

    public override string ToString() => Text;
}
