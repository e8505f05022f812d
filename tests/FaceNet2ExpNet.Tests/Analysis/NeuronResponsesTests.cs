using FaceNet2ExpNet.Analysis;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Analysis;

/// <summary>A conv neuron's response to an image: spatial max (default), spatial mean, or one neuron per position.</summary>
public sealed class NeuronResponsesTests
{
    // One image, 2 channels of 2×2: channel 0 = [[1, 5], [3, -1]] (max 5, mean 8/4 = 2); channel 1 = [[0, 0], [0, 4]] (max 4, mean 1).
    private static Tensor Map() => tensor(new float[] { 1, 5, 3, -1, 0, 0, 0, 4 }, [1, 2, 2, 2]);

    [Fact]
    public void Spatial_max_is_each_channels_largest_value()
    {
        using var map = Map();
        using var r = NeuronResponses.Reduce(map, ConvResponse.SpatialMax);
        Assert.Equal([1L, 2], r.shape);
        Assert.Equal([5f, 4f], r.data<float>().ToArray());
    }

    [Fact]
    public void Spatial_mean_is_each_channels_average()
    {
        using var map = Map();
        using var r = NeuronResponses.Reduce(map, ConvResponse.SpatialMean);
        Assert.Equal([2f, 1f], r.data<float>().ToArray());
    }

    [Fact]
    public void Each_position_makes_every_blob_element_a_neuron()
    {
        using var map = Map();
        using var r = NeuronResponses.Reduce(map, ConvResponse.EachPosition);
        Assert.Equal([1L, 8], r.shape);
        Assert.Equal([1f, 5, 3, -1, 0, 0, 0, 4], r.data<float>().ToArray());
    }

    [Fact]
    public void Fully_connected_responses_are_the_values_themselves()
    {
        using var fc = tensor(new float[] { .5f, 0, 2, 7, 1, 3 }, [2, 3]);
        using var r = NeuronResponses.Reduce(fc, ConvResponse.SpatialMax);
        Assert.Equal(fc.data<float>().ToArray(), r.data<float>().ToArray());
    }

    [Fact]
    public void A_tap_of_another_rank_is_a_clear_error()
    {
        using var odd = zeros(2, 3, 4);
        var e = Assert.Throws<ArgumentException>(() => NeuronResponses.Reduce(odd));
        Assert.Contains("got [2, 3, 4]", e.Message);
    }
}
