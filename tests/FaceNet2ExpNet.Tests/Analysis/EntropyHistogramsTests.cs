using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Reporting;
using Plotly.NET;

namespace FaceNet2ExpNet.Tests.Analysis;

/// <summary>Fig. 3: binned entropies and the overlaid pre-trained (red) / fine-tuned (blue) charts.</summary>
public sealed class EntropyHistogramsTests
{
    [Fact]
    public void Counts_bin_entropies_over_zero_to_max_with_the_maximum_in_the_last_bin()
    {
        var max = Math.Log(3);
        // 4 bins of width ln3/4 ≈ 0.2747: 0 → bin 0; 0.3 → 1; 0.6 → 2; ln 3 (uniform neuron) and a rounding overshoot → 3.
        Assert.Equal([2, 1, 1, 2], EntropyHistograms.Counts([0, 0.1, 0.3, 0.6, max, max + 1e-15], max, bins: 4));
    }

    [Fact]
    public void A_layer_chart_overlays_both_nets_and_the_figure_has_every_layer()
    {
        var pre = new LayerEntropies("pool5", [0.1, 0.5, 1.0, 1.05], 3, 10, 0);
        var fine = new LayerEntropies("pool5", [0.0, 0.2, 0.3, 1.0], 3, 10, 0);
        var json = GenericChart.toJson(EntropyHistograms.Layer(pre, fine, threshold: 0.4, bins: 5));
        Assert.Contains("\"pre-trained\"", json);
        Assert.Contains("\"fine-tuned\"", json);
        Assert.Contains("\"overlay\"", json);
        Assert.Contains("red", json);
        Assert.Contains("blue", json);
        Assert.Contains("LES threshold 0.40", json);

        var figure = EntropyHistograms.Figure([(pre, fine), (pre, fine)], threshold: 0.4, bins: 5);
        Assert.Equal(4, GenericChart.getTraces(figure.Interactive).Count());
        Assert.Contains("\"barmode\":\"overlay\"", GenericChart.toJson(figure.Interactive));
        // The PNG: one 300 px panel per layer; the text: per layer the neurons below the threshold (pre 0.1 → 1, fine 0.0, 0.2, 0.3 → 3).
        using var png = SkiaSharp.SKBitmap.Decode(figure.Png);
        Assert.Equal(600, png.Width);
        var pool5 = figure.Text.Split('\n').First(l => l.StartsWith("pool5"));
        Assert.Equal(["pool5", "4", "0.663", "0.375", "1", "3"], pool5.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
