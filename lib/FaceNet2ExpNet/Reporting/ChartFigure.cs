using Plotly.NET;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// One chart of a notebook, in three forms of the same numbers: the interactive Plotly.NET chart (shown by
/// Plotly.NET.Interactive's formatter), a PNG rendered offline with ScottPlot (what GitHub, nbviewer and an offline
/// Jupyter show) and a plain-text summary of the numbers plotted. The notebooks' setup registers one formatter that
/// emits all three in a single output (text/html, image/png, text/plain).
/// </summary>
/// <param name="Title">The chart's title (also the first line of <paramref name="Text"/>).</param>
/// <param name="Interactive">The Plotly.NET chart.</param>
/// <param name="Png">The same chart as a PNG image (bytes of the file).</param>
/// <param name="Text">The numbers behind the chart as aligned plain text.</param>
public sealed record ChartFigure(string Title, GenericChart Interactive, byte[] Png, string Text)
{
    /// <summary>The PNG as base64, as notebooks carry image/png.</summary>
    public string PngBase64 => Convert.ToBase64String(Png);

    public override string ToString() => Text;
}
