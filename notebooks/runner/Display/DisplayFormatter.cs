using System.Collections;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace FaceNet2ExpNet.Notebooks.Display;

/// <summary>
/// Chooses how a value is shown, in this order: formatters the notebook registered (Formatter.Register), HTML(…),
/// Plotly.NET charts (text/html), PNG pictures (image/png), strings (text/plain), sequences (text/html table +
/// text/plain), anything else (text/plain, its ToString() in the invariant culture).
/// </summary>
public static class DisplayFormatter
{
    /// <summary>The MIME bundle for a value; when <paramref name="mimeTypes"/> is not empty, only those types (if available).</summary>
    public static MimeBundle Format(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        var bundle = FormatAll(value);
        if (mimeTypes.Count == 0) return bundle;
        var chosen = bundle.Data.Where(d => mimeTypes.Contains(d.Key)).ToList();
        return chosen.Count > 0 ? new MimeBundle(chosen) : bundle;
    }

    private static MimeBundle FormatAll(object? value)
    {
        if (value is null) return MimeBundle.Of("text/plain", "<null>");
        var registered = Formatter.Apply(value);
        if (registered.Count > 0) return new MimeBundle(registered);
        return value switch
        {
            HtmlContent html => MimeBundle.Of("text/html", html.ToString()),
            Plotly.NET.GenericChart chart => MimeBundle.Of("text/html", PlotlyFormatter.ToHtml(chart)),
            _ when PngFormatter.TryBase64(value) is { } png => MimeBundle.Of("image/png", png),
            string s => MimeBundle.Of("text/plain", s),
            byte[] bytes => MimeBundle.Of("text/plain", $"byte[{bytes.Length}]"),
            IEnumerable sequence => TableFormatter.Format(sequence),
            _ => MimeBundle.Of("text/plain", PlainText(value)),
        };
    }

    /// <summary>A value's text in the invariant culture (so outputs do not depend on the machine's locale).</summary>
    public static string PlainText(object? value) => value switch
    {
        null => "<null>",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
