using FaceNet2ExpNet.Analysis;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Analysis;

/// <summary>Top-K label histograms and their entropies on hand-made activations (Sec. III-C).</summary>
public sealed class NeuronEntropyTests
{
    private static readonly double Ln2 = Math.Log(2);

    // 8 images, 3 classes: images 0–3 are class 0, 4–5 class 1, 6–7 class 2 (prior ½, ¼, ¼).
    private static readonly long[] Labels = [0, 0, 0, 0, 1, 1, 2, 2];

    /// <summary>A top-K state fed <paramref name="rows"/> (one row per neuron, one column per image) in two batches of 4.</summary>
    private static TopKResponses Feed(float[][] rows, int k, long[]? labels = null)
    {
        labels ??= Labels;
        var images = rows[0].Length;
        var top = new TopKResponses(rows.Length, k, classes: 3);
        using var all = tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, images]).t().contiguous();
        using var y = tensor(labels);
        for (var from = 0; from < images; from += 4)
        {
            using var r = all.narrow(0, from, Math.Min(4, images - from));
            using var l = y.narrow(0, from, Math.Min(4, images - from));
            top.Add(r, l);
        }
        return top;
    }

    [Fact]
    public void Entropy_of_a_hand_made_activation_matrix_with_known_top_k_labels()
    {
        using var top = Feed(
        [
            [8, 7, 6, 5, 4, 3, 2, 1],            // top 4 = images 0,1,2,3 → labels 0,0,0,0 → p = (1,0,0): H = 0
            [1, 2, 3, 4, 5, 6, 7, 8],            // top 4 = images 7,6,5,4 → labels 2,2,1,1 → p = (0,½,½): H = ln 2
            [9, .1f, .2f, .3f, 8, .4f, 7, 6],    // top 4 = images 0,4,6,7 → labels 0,1,2,2 → p = (¼,¼,½): H = 2·¼ln4 + ½ln2 = 1.5 ln 2
            [5, .1f, .2f, 6, 7, .3f, .4f, 8],    // top 4 = images 7,4,3,0 → labels 2,1,0,0 → p = (½,¼,¼): H = 1.5 ln 2
        ], k: 4);

        using var p = NeuronEntropy.Histograms(top);
        Assert.Equal([1.0, 0, 0, 0, .5, .5, .25, .25, .5, .5, .25, .25], p.flatten().data<double>().ToArray());
        var h = NeuronEntropy.Of(top);
        Assert.Equal(0, h[0], 12);
        Assert.Equal(Ln2, h[1], 12);        // 0.693147
        Assert.Equal(1.5 * Ln2, h[2], 12);  // 1.039721
        Assert.Equal(1.5 * Ln2, h[3], 12);
    }

    [Fact]
    public void Entropy_is_minus_sum_p_ln_p_in_nats()
    {
        using var p = tensor(new double[] { 1, 0, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0, .5, .25, .25 }, [3, 3]);
        using var h = NeuronEntropy.Entropy(p);
        var values = h.data<double>().ToArray();
        Assert.Equal(0, values[0], 12);
        Assert.Equal(Math.Log(3), values[1], 12); // 1.098612, the maximum for 3 classes
        Assert.Equal(1.5 * Ln2, values[2], 12);
    }

    [Fact]
    public void A_layer_whose_neurons_each_fire_for_one_expression_has_entropy_zero()
    {
        // Neuron c fires (1 + image index) only on images of class c, 0 elsewhere; K = 2 = images of classes 1 and 2.
        var rows = Enumerable.Range(0, 3).Select(c => Labels.Select((l, i) => l == c ? 1f + i : 0f).ToArray()).ToArray();
        using var top = Feed(rows, k: 2);
        Assert.All(NeuronEntropy.Of(top), h => Assert.Equal(0, h, 12));
        Assert.Equal(0, NeuronEntropy.Silent(top));
    }

    [Fact]
    public void K_larger_than_the_set_bins_all_images()
    {
        using var top = Feed([[8, 7, 6, 5, 4, 3, 2, 1], [3, 1, 4, 1.5f, 5, 9, 2, 6]], k: 100);
        Assert.Equal([2L, 8], top.Values.shape);
        Assert.Equal(8, top.Images);
        // Every neuron bins all 8 images: p = prior (½,¼,¼), H = 1.5 ln 2, whatever the responses.
        Assert.All(NeuronEntropy.Of(top), h => Assert.Equal(1.5 * Ln2, h, 12));
    }

    [Fact]
    public void Images_tied_at_zero_share_the_remaining_slots_by_their_labels()
    {
        using var top = Feed(
        [
            [0, 0, 0, 0, 0, 0, 0, 0],  // silent: all 8 tie → the prior (½,¼,¼), never "the first 4 images" (all class 0, H = 0)
            [3, 0, 0, 0, 0, 0, 2, 0],  // fires on image 0 (class 0) and 6 (class 2); 2 slots left for the 6 zero images
                                       // (classes 0,0,0,1,1,2 → 2·(3/6, 2/6, 1/6) = (1, ⅔, ⅓)); p = (2, ⅔, 4/3)/4 = (½, ⅙, ⅓)
        ], k: 4);
        using var p = NeuronEntropy.Histograms(top);
        var expected = new[] { .5, .25, .25, .5, 1 / 6.0, 1 / 3.0 };
        var actual = p.flatten().data<double>().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
        var h = NeuronEntropy.Of(top);
        Assert.Equal(1.5 * Ln2, h[0], 12);
        Assert.Equal(-(.5 * Math.Log(.5) + Math.Log(1 / 6.0) / 6 + Math.Log(1 / 3.0) / 3), h[1], 12); // 1.011404
        Assert.Equal(1, NeuronEntropy.Silent(top));
    }
}
