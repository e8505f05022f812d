using FaceNet2ExpNet.Analysis;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// Fig. 3: histograms of neuron entropy, pre-trained net (red) vs fine-tuned net (blue), overlaid, one per layer. Bins
/// are counted here (not by plotly.js), so a chart carries bin counts rather than every neuron's entropy; the PNG
/// (ScottPlot) draws the same bins.
/// </summary>
public static class EntropyHistograms
{
    /// <summary>Neurons per bin of <paramref name="bins"/> equal bins over [0, <paramref name="max"/>]; values at or
    /// above max (rounding) go to the last bin.</summary>
    public static int[] Counts(IEnumerable<double> entropies, double max, int bins)
    {
        if (bins < 1 || max <= 0) throw new ArgumentException($"Need bins ≥ 1 and max > 0, got {bins} bins up to {max}.");
        var counts = new int[bins];
        foreach (var h in entropies) counts[Math.Clamp((int)Math.Floor(h / max * bins), 0, bins - 1)]++;
        return counts;
    }

    /// <summary>One layer's panel: both nets' entropy histograms over [0, ln classes], with the LES threshold in the title.</summary>
    public static GenericChart Layer(LayerEntropies preTrained, LayerEntropies fineTuned, double? threshold = null,
        int bins = 30, bool showLegend = true)
    {
        var max = Math.Max(preTrained.MaxEntropy, fineTuned.MaxEntropy);
        var width = max / bins;
        var centres = Enumerable.Range(0, bins).Select(b => (b + 0.5) * width).ToArray();
        GenericChart Bars(LayerEntropies layer, string name, string colour) => CChart.Column<double, double, string>(
            values: Counts(layer.Entropies, max, bins).Select(c => (double)c), Keys: centres, Name: name, ShowLegend: showLegend, Opacity: 0.55,
            MarkerColor: Color.fromString(colour), Width: width);
        var title = threshold is { } t ? $"{preTrained.Layer} (LES threshold {t:F2})" : preTrained.Layer;
        return CChart.Combine([Bars(preTrained, "pre-trained", "red"), Bars(fineTuned, "fine-tuned", "blue")])
            .WithXAxisStyle<double, double, string>(TitleText: "entropy (nats)", MinMax: Tuple.Create(0.0, max))
            .WithYAxisStyle<double, double, string>(TitleText: "neurons")
            .WithOverlayLayout(title);
    }

    /// <summary>All layers side by side in one figure (one row of Fig. 3): the interactive chart, the same panels as
    /// PNG, and per layer each net's neuron count, mean entropy and neurons below the threshold as text.</summary>
    public static ChartFigure Figure(IReadOnlyList<(LayerEntropies PreTrained, LayerEntropies FineTuned)> layers,
        double? threshold = null, int bins = 30, string? title = null)
    {
        title ??= "Neuron entropy: pre-trained (red) vs fine-tuned (blue)" + (threshold is { } t ? $"; LES threshold {t:F2} nats" : "");
        var panels = layers.Select((l, i) => Layer(l.PreTrained, l.FineTuned, threshold, bins, showLegend: i == 0));
        var chart = CChart.Grid(panels, nRows: 1, nCols: layers.Count, SubPlotTitles: layers.Select(l => l.PreTrained.Layer).ToArray())
            .WithOverlayLayout(title)
            .WithSize(Width: 280 * layers.Count, Height: 360);
        var images = layers.Select(l =>
        {
            var max = Math.Max(l.PreTrained.MaxEntropy, l.FineTuned.MaxEntropy);
            var centres = Enumerable.Range(0, bins).Select(b => (b + 0.5) * max / bins).ToList();
            IReadOnlyList<Series> series =
            [
                new("pre-trained", Counts(l.PreTrained.Entropies, max, bins).Select(c => (double)c).ToList(), "#ff0000"),
                new("fine-tuned", Counts(l.FineTuned.Entropies, max, bins).Select(c => (double)c).ToList(), "#0000ff"),
            ];
            return (l.PreTrained.Layer, (IReadOnlyList<double>)centres, max / bins, series);
        }).ToList();
        var png = ChartImages.OverlaidHistograms(title, "entropy (nats)", "neurons", images);
        return new ChartFigure(title, chart, png, $"{title}\n{Summary(layers, threshold)}");
    }

    /// <summary>Per layer: neurons, each net's mean entropy and (given a threshold) its neurons below it.</summary>
    public static string Summary(IReadOnlyList<(LayerEntropies PreTrained, LayerEntropies FineTuned)> layers, double? threshold)
    {
        string[] header = threshold is null
            ? ["layer", "neurons", "pre-trained mean (nats)", "fine-tuned mean (nats)"]
            : ["layer", "neurons", "pre-trained mean (nats)", "fine-tuned mean (nats)", "pre-trained below", "fine-tuned below"];
        return TextTable.Format(header, layers.Select(l => (IReadOnlyList<string>)(threshold is { } t
            ? [l.PreTrained.Layer, l.PreTrained.Neurons.ToString(), TextTable.Number(l.PreTrained.Average, "F3"), TextTable.Number(l.FineTuned.Average, "F3"),
               l.PreTrained.CountBelow(t).ToString(), l.FineTuned.CountBelow(t).ToString()]
            : [l.PreTrained.Layer, l.PreTrained.Neurons.ToString(), TextTable.Number(l.PreTrained.Average, "F3"), TextTable.Number(l.FineTuned.Average, "F3")])));
    }

    private static GenericChart WithOverlayLayout(this GenericChart chart, string title)
    {
        var heading = new Title();
        heading.SetProperty("text", title);
        // Set as plain layout properties: the F# Layout.init has no C# defaults for its 70 optional arguments.
        var layout = new Layout();
        layout.SetProperty("title", heading);
        layout.SetProperty("barmode", "overlay");
        layout.SetProperty("bargap", 0.0);
        return GenericChart.addLayout(layout, chart);
    }
}
