using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Analysis;

/// <summary>The incremental top K per neuron: same result as over all activations at once, memory neurons × K.</summary>
[Collection(TorchRng.Collection)]
public sealed class TopKResponsesTests
{
    [Fact]
    public void Incremental_top_k_equals_brute_force_top_k_over_all_activations()
    {
        manual_seed(5);
        const int neurons = 37, k = 10, classes = 4;
        int[] batchSizes = [13, 7, 20, 1, 9];
        var images = batchSizes.Sum();
        using var all = randn(images, neurons);
        using var labels = randint(0, classes, [images], ScalarType.Int64);

        using var top = new TopKResponses(neurons, k, classes);
        var from = 0;
        foreach (var b in batchSizes)
        {
            using var r = all.narrow(0, from, b);
            using var l = labels.narrow(0, from, b);
            top.Add(r, l);
            from += b;
        }

        using var scope = NewDisposeScope();
        var (values, index) = all.t().topk(k, dim: 1);
        var expectedLabels = labels.index_select(0, index.flatten()).reshape(neurons, k);
        Assert.Equal(values.data<float>().ToArray(), top.Values.data<float>().ToArray());
        Assert.Equal(expectedLabels.data<long>().ToArray(), top.Labels.data<long>().ToArray());
        Assert.Equal(images, top.Images);
    }

    [Fact]
    public void Kept_state_is_neurons_by_k_whatever_the_number_of_images()
    {
        manual_seed(6);
        const int neurons = 16, k = 5, classes = 3;
        using var top = new TopKResponses(neurons, k, classes);
        long liveAfterFirstBatches = 0;
        for (var batch = 0; batch < 200; batch++)
        {
            using (var scope = NewDisposeScope())
                top.Add(randn(8, neurons).relu(), randint(0, classes, [8], ScalarType.Int64));
            Assert.Equal([(long)neurons, Math.Min(k, top.Images)], top.Values.shape);
            Assert.Equal([(long)neurons, Math.Min(k, top.Images)], top.Labels.shape);
            Assert.Equal([(long)neurons, classes], top.ZeroCounts.shape);
            if (batch == 1) liveAfterFirstBatches = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }
        Assert.Equal(1600, top.Images);
        // No tensor is left behind per batch: 198 more batches, the same live tensors.
        Assert.Equal(liveAfterFirstBatches, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_label_outside_the_classes_is_a_clear_error()
    {
        using var top = new TopKResponses(2, 3, classes: 3);
        using var r = ones(2, 2);
        using var l = tensor(new long[] { 1, 3 });
        var e = Assert.Throws<ArgumentException>(() => top.Add(r, l));
        Assert.Contains("0…2, found 3", e.Message);
    }

    [Fact]
    public void Responses_of_the_wrong_width_are_a_clear_error()
    {
        using var top = new TopKResponses(4, 3, classes: 3);
        using var r = ones(2, 5);
        using var l = tensor(new long[] { 0, 1 });
        var e = Assert.Throws<ArgumentException>(() => top.Add(r, l));
        Assert.Contains("Expected B×4 responses, got [2, 5]", e.Message);
    }
}
