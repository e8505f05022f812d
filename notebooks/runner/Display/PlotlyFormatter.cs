using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace FaceNet2ExpNet.Notebooks.Display;

/// <summary>
/// Plotly.NET charts (also those built with Plotly.NET.CSharp) as text/html, the way Plotly.NET.Interactive shows them:
/// the chart's div and script, loading plotly.js from the CDN through require.js. The random element id Plotly.NET
/// draws is replaced by one derived from the chart and its place in the notebook, so re-running gives the same file.
/// </summary>
public static partial class PlotlyFormatter
{
    private static int sequence;

    /// <summary>Restarts the per-notebook chart numbering (the runner calls this for each notebook).</summary>
    public static void Reset() => sequence = 0;

    /// <summary>The chart's HTML.</summary>
    public static string ToHtml(GenericChart chart)
    {
        var reference = PlotlyJSReference.NewRequire($"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min");
        var options = DisplayOptions.setPlotlyReference(reference).Invoke(GenericChart.getDisplayOptions(chart));
        var html = GenericChart.toChartHTML(GenericChart.setDisplayOptions(options, chart));
        return StableIds(html, Interlocked.Increment(ref sequence));
    }

    private static string StableIds(string html, int number)
    {
        var guid = Guid().Match(html);
        if (!guid.Success) return html;
        var withoutId = html.Replace(guid.Value, "").Replace(guid.Value.Replace("-", ""), "");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(withoutId)))[..8];
        var id = $"plotly-{number}-{hash}";
        return html.Replace(guid.Value, id).Replace(guid.Value.Replace("-", ""), id.Replace("-", "_"));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
