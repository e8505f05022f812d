using FaceNet2ExpNet.Networks;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Networks;

public class FeatureUpsamplerTests
{
    [Theory]
    [InlineData(3, 7)]
    [InlineData(2, 5)]
    [InlineData(4, 7)]
    [InlineData(7, 14)]
    [InlineData(5, 5)]
    [InlineData(1, 4)]
    public void Upsamples_to_exactly_the_target_size(int from, int to)
    {
        using var up = new FeatureUpsampler(8, (from, from), (to, to));
        using var x = randn(2, 8, from, from);
        using var y = up.forward(x);
        Assert.Equal([2L, 8, to, to], y.shape);
    }

    [Fact]
    public void Non_square_maps_work_per_axis()
    {
        using var up = new FeatureUpsampler(4, (3, 5), (7, 5));
        using var y = up.forward(randn(1, 4, 3, 5));
        Assert.Equal([1L, 4, 7, 5], y.shape);
    }

    [Fact]
    public void Is_learned_its_weights_get_gradients()
    {
        using var up = new FeatureUpsampler(4, (3, 3), (7, 7));
        var y = up.forward(randn(1, 4, 3, 3));
        y.sum().backward();
        Assert.All(up.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Refuses_to_downsample()
    {
        var e = Assert.Throws<ArgumentException>(() => new FeatureUpsampler(4, (7, 7), (3, 3)));
        Assert.Contains("only upsamples", e.Message);
    }

    [Fact]
    public void Expnet_gets_an_upsampler_when_the_face_net_map_is_larger()
    {
        // E.g. a face net whose last stage is 128×5×5 while ExpNet at 64 px ends at 2×2.
        using var net = new ExpNet(new ExpNetOptions { Size = new NetworkSize(64, 0.25), Target = new FeatureShape(128, 5, 5) });
        using var g = net.Features(randn(2, 3, 64, 64));
        Assert.Equal([2L, 128, 5, 5], g.shape);
        Assert.Contains(net.state_dict().Keys, k => k.StartsWith("upsample."));
        Assert.Contains(net.ConvParameters(), p => p.shape.Length == 4 && p.shape[2] == 6);   // the 2s-wide deconv kernel (s = 3)
    }
}
