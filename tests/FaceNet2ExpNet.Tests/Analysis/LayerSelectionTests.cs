using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using Plotly.NET;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Analysis;

/// <summary>The facade on two tiny random VGG-16s and a generated expression set.</summary>
[Collection(TorchRng.Collection)]
public sealed class LayerSelectionTests : IDisposable
{
    private static readonly NetworkSize Tiny = new(32, 0.125);
    private readonly TempDir dir = new();
    private readonly ImageSet expressions;
    private readonly Vgg16 preTrained, fineTuned;

    public LayerSelectionTests()
    {
        // 6 subjects × 3 classes × 4 = 72 images of 40 px; the nets see the 32 px centre crop.
        expressions = TinyDataset.Create(dir["tiny"], size: 40).Load(40);
        manual_seed(11);
        preTrained = new Vgg16(20, Tiny);
        fineTuned = preTrained.WithClasses(3);
        // Stand-in for fine-tuning: perturb the copied weights so the two nets differ.
        using (no_grad())
            foreach (var p in fineTuned.parameters()) p.add_(randn_like(p) * 0.05);
    }

    public void Dispose()
    {
        expressions.Dispose();
        preTrained.Dispose();
        fineTuned.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void Runs_on_four_layers_with_counts_consistent_with_the_entropies()
    {
        preTrained.train();
        var result = LayerSelection.Run(preTrained, fineTuned, expressions, k: 10, batchSize: 32);

        Assert.Equal(["pool4", "pool5", "fc6", "fc7"], result.Counts.Select(c => c.Layer));
        Assert.Equal([64, 64, 512, 512], result.Counts.Select(c => c.Neurons)); // channels at width 1/8
        var threshold = result.PreTrained.Layers.Concat(result.FineTuned.Layers).Min(l => l.Average);
        Assert.Equal(threshold, result.Threshold.PreTrained, 12);
        Assert.Equal(threshold, result.Threshold.FineTuned, 12);
        for (var i = 0; i < 4; i++)
        {
            var (pre, fine) = (result.PreTrained.Layers[i], result.FineTuned.Layers[i]);
            Assert.Equal(10, pre.K);
            Assert.All(pre.Entropies.Concat(fine.Entropies), h => Assert.InRange(h, -1e-12, Math.Log(3) + 1e-12));
            Assert.Equal(pre.Entropies.Count(h => h < threshold), result.Counts[i].PreTrained);
            Assert.Equal(fine.Entropies.Count(h => h < threshold), result.Counts[i].FineTuned);
            Assert.Equal(result.Counts[i].PreTrained, result.Table[i].PreTrained);
        }
        Assert.True(preTrained.training, "the analysis restores the net's training mode");

        Assert.Equal(4, result.Histograms.Count);
        foreach (var chart in result.Histograms)
        {
            var json = GenericChart.toJson(chart);
            Assert.Contains("\"pre-trained\"", json);
            Assert.Contains("\"fine-tuned\"", json);
        }
        Assert.Equal(8, GenericChart.getTraces(result.Figure3.Interactive).Count());
    }

    [Fact]
    public void Each_position_counts_every_unit_and_k_beyond_the_set_uses_all_images()
    {
        var result = LayerSelection.Run(preTrained, fineTuned, expressions, k: 500, conv: ConvResponse.EachPosition,
            layers: ["pool4", "fc7"], threshold: ThresholdFrom.EachNet);
        // pool4 at 32 px: 64 channels × 2 × 2 units.
        Assert.Equal([256, 512], result.Counts.Select(c => c.Neurons));
        Assert.All(result.PreTrained.Layers, l => Assert.Equal(72, l.K));
        // With all 72 images binned (24 per class), every neuron's histogram is the prior (⅓ each): H = ln 3, none below.
        Assert.All(result.FineTuned.Layers.SelectMany(l => l.Entropies), h => Assert.Equal(Math.Log(3), h, 9));
        Assert.All(result.Counts, c => Assert.Equal((0, 0), (c.PreTrained, c.FineTuned)));
    }

    [Fact]
    public void Images_smaller_than_the_nets_input_are_a_clear_error()
    {
        using var big = new Vgg16(3, new NetworkSize(64, 0.125));
        var e = Assert.Throws<ArgumentException>(() => LayerSelection.Run(big, big, expressions));
        Assert.Contains("takes 64×64 crops but the expression images are 40×40", e.Message);
    }
}
