using ScottPlot;
using SkiaSharp;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// The notebooks' charts drawn offline as PNG with ScottPlot (no browser, no network): grouped bars, lines over epochs,
/// an annotated heatmap and side-by-side overlaid histograms. Same data, same bytes: rendering is deterministic.
/// </summary>
public static class ChartImages
{
    public const int Width = 800, Height = 450;
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Bars grouped by category (one bar per series in each group), legend upper right.</summary>
    public static byte[] Bars(string title, string xTitle, string yTitle, IReadOnlyList<string> categories, IReadOnlyList<Series> series)
    {
        var plot = Titled(title, xTitle, yTitle);
        var width = 0.8 / Math.Max(1, series.Count);
        for (var s = 0; s < series.Count; s++)
        {
            var colour = ColourOf(series[s], s);
            var bars = series[s].Values.Select((v, c) => new Bar
            {
                Position = c - 0.4 + width * (s + 0.5), Value = v, Size = width, FillColor = colour, LineWidth = 0,
            }).ToList();
            plot.Add.Bars(bars).LegendText = series[s].Name;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            categories.Select((_, c) => (double)c).ToArray(), categories.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>One line per series over epochs 1…n; <paramref name="logY"/> plots log10 of the values with decade ticks.</summary>
    public static byte[] Lines(string title, string xTitle, string yTitle, IReadOnlyList<Series> series, bool logY = false)
    {
        var plot = Titled(title, xTitle, yTitle);
        for (var s = 0; s < series.Count; s++)
        {
            var ys = series[s].Values.Select(v => logY ? Math.Log10(Math.Max(v, double.Epsilon)) : v).ToArray();
            var xs = Enumerable.Range(1, ys.Length).Select(e => (double)e).ToArray();
            var line = plot.Add.Scatter(xs, ys, ColourOf(series[s], s));
            line.LegendText = series[s].Name;
            line.MarkerSize = ys.Length > 30 ? 0 : 4;
            line.LineWidth = 2;
        }
        if (logY)
        {
            var all = series.SelectMany(s => s.Values).Where(v => v > 0).ToList();
            if (all.Count > 0)
            {
                var ticks = LogTicks(all.Min(), all.Max());
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                    ticks.Select(Math.Log10).ToArray(), ticks.Select(Label).ToArray());
            }
        }
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A square matrix (rows = true class, top row first) in greys (black = the largest value), each cell
    /// labelled with its value.</summary>
    public static byte[] Heatmap(string title, string xTitle, string yTitle, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<double>> values)
    {
        var n = labels.Count;
        var plot = Titled(title, xTitle, yTitle);
        var max = Math.Max(1e-9, values.SelectMany(r => r).Max());
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            // Cell (i, j) is centred on x = j, y = n − 1 − i: the first true class on top, as in Figs. 6–9.
            var grey = (byte)Math.Round(255 * (1 - values[i][j] / max));
            var cell = plot.Add.Rectangle(j - 0.5, j + 0.5, n - 1.5 - i, n - 0.5 - i);
            cell.FillColor = new ScottPlot.Color(grey, grey, grey);
            cell.LineWidth = 0;
            var text = plot.Add.Text(values[i][j].ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), j, n - 1 - i);
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontSize = 13;
            text.LabelFontColor = grey < 128 ? Colors.White : Colors.Black;
        }
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels.Reverse().ToArray());
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Grid.IsVisible = false;
        var side = 160 + 62 * n;
        return plot.GetImageBytes(side + 60, side, ImageFormat.Png);
    }

    /// <summary>One panel per layer, side by side, each overlaying its series as translucent bars of the given bin centres
    /// (no legend: the title names the colours).</summary>
    public static byte[] OverlaidHistograms(string title, string xTitle, string yTitle,
        IReadOnlyList<(string Title, IReadOnlyList<double> Centres, double BinWidth, IReadOnlyList<Series> Series)> panels)
    {
        const int panelWidth = 300, panelHeight = 340, heading = 40;
        var info = new SKImageInfo(panelWidth * panels.Count, panelHeight + heading);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        using (var font = new SKFont(Fonts.GetTypeface(SansFont, bold: true, italic: false), 18))
            canvas.DrawText(title, info.Width / 2f, 27, SKTextAlign.Center, font, ink);
        for (var p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            var plot = Titled(panel.Title, xTitle, p == 0 ? yTitle : "");
            for (var s = 0; s < panel.Series.Count; s++)
            {
                var colour = ColourOf(panel.Series[s], s).WithAlpha(0.55);
                var bars = panel.Series[s].Values.Select((v, b) => new Bar
                {
                    Position = panel.Centres[b], Value = v, Size = panel.BinWidth, FillColor = colour, LineWidth = 0,
                }).ToList();
                plot.Add.Bars(bars);
            }
            plot.Axes.Margins(bottom: 0);
            using var drawn = SKImage.FromEncodedData(plot.GetImageBytes(panelWidth, panelHeight, ImageFormat.Png));
            canvas.DrawImage(drawn, p * panelWidth, heading);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>1, 2, 5 × 10^k between <paramref name="min"/> and <paramref name="max"/> (only the powers of ten when
    /// that gives more than eight), at least the two decades around the data.</summary>
    private static List<double> LogTicks(double min, double max)
    {
        var (low, high) = ((int)Math.Floor(Math.Log10(min)), (int)Math.Ceiling(Math.Log10(max)));
        var decades = Enumerable.Range(low, high - low + 1).Select(k => Math.Pow(10, k)).ToList();
        var steps = decades.SelectMany(d => new[] { d, 2 * d, 5 * d }).Where(v => v >= min && v <= max).ToList();
        if (steps.Count > 8) steps = decades.Where(v => v >= min && v <= max).ToList();
        return steps.Count >= 2 ? steps : decades;
    }

    private static string Label(double value) => value.ToString(value >= 1 ? "#,0" : "0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first installed of the usual sans-serif families (DejaVu on Debian), else ScottPlot's default.</summary>
    private static readonly string SansFont = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }.FirstOrDefault(f => Fonts.GetTypeface(f, false, false)?.FamilyName == f) ?? Fonts.Default;

    private static Plot Titled(string title, string xTitle, string yTitle)
    {
        var plot = new Plot();
        plot.Font.Set(SansFont);
        plot.Title(title);
        plot.XLabel(xTitle);
        plot.YLabel(yTitle);
        return plot;
    }

    private static ScottPlot.Color ColourOf(Series series, int index) =>
        series.Colour is { } hex ? ScottPlot.Color.FromHex(hex) : Palette.GetColor(index);
}
