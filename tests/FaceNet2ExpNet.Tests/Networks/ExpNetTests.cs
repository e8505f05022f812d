using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Networks;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Networks;

[Collection(TorchRng.Collection)]
public class ExpNetTests
{
    [Fact]
    public void Paper_settings_with_8_classes_have_10_598_280_parameters()
    {
        // conv1..conv5 (3×3): 1,792 + 73,856 + 295,168 + 1,180,160 + 2,359,808; bridge 1×1 512→512: 262,656;
        // FC-256 on 512×7×7: 6,422,784; classifier 256→8: 2,056. The paper says "11M".
        using var net = new ExpNet(new ExpNetOptions { Classes = 8 });
        Assert.Equal(10_598_280, net.ParameterCount);
        Assert.InRange(net.ParameterCount, 10_500_000, 11_500_000);
    }

    [Fact]
    public void A_224_input_ends_at_7x7_like_vgg16_pool5()
    {
        using var net = new ExpNet(new ExpNetOptions { Classes = 8 });
        net.eval();
        using var _ = no_grad();
        using var x = randn(1, 3, 224, 224);
        using var g = net.Features(x);
        using var scores = net.forward(x);
        Assert.Equal([1L, 512, 7, 7], g.shape);
        Assert.Equal([1L, 8], scores.shape);
        Assert.Equal(new FeatureShape(512, 7, 7), net.FeatureShape);
        Assert.True(g.min().item<float>() < 0, "the bridge is linear (a ReLU there dies under the regression loss)");
    }

    [Theory]
    [InlineData(224, 112)]
    [InlineData(112, 56)]
    [InlineData(14, 7)]
    [InlineData(7, 3)]
    [InlineData(4, 2)]
    public void Caffe_ceil_pooling_sizes(int input, int output)
    {
        Assert.Equal(output, Pooling.ExpNetPool(input));
        using var pooled = nn.functional.max_pool2d(zeros(1, 1, input, input), 3, 2, ceil_mode: true);
        Assert.Equal(output, pooled.shape[2]);
    }

    [Fact]
    public void Width_and_input_size_shrink_the_net()
    {
        using var net = new ExpNet(new ExpNetOptions { Classes = 6, Size = new NetworkSize(64, 0.25) });
        // channels 16-32-64-128-128, 64 → 32 → 16 → 8 → 4 → 2; bridge to VGG-16 pool5 at this size: 128×2×2.
        Assert.Equal(new FeatureShape(128, 2, 2), net.FeatureShape);
        long expected = (3 * 16 * 9 + 16) + (16 * 32 * 9 + 32) + (32 * 64 * 9 + 64) + (64 * 128 * 9 + 128) + (128 * 128 * 9 + 128)
                        + (128 * 128 + 128) + (128 * 2 * 2 * 256 + 256) + (256 * 6 + 6);
        Assert.Equal(expected, net.ParameterCount);
        using var x = randn(2, 3, 64, 64);
        using var y = net.forward(x);
        Assert.Equal([2L, 6], y.shape);
    }

    [Fact]
    public void Upsampling_before_the_bridge_works_on_conv5s_channels_and_gives_the_same_map_shape()
    {
        // Quick size (64 px, width 1/8): conv5 is 64×2×2; faceres' map is 1024×7×7 → stride 4, 8×8 kernel.
        var size = new NetworkSize(64, 0.125);
        var target = new FeatureShape(1024, 7, 7);
        using var after = new ExpNet(new ExpNetOptions { Size = size, Target = target });
        using var before = new ExpNet(new ExpNetOptions { Size = size, Target = target, UpsampleBeforeBridge = true });
        long Count(ExpNet n) => n.ConvParameters().Sum(p => p.numel());
        using var plain = new ExpNet(new ExpNetOptions { Size = size });
        var convs = Count(plain) - (64 * 64 + 64);   // conv1…conv5 (VGG's 64×2×2 target: bridge 64→64, no upsampler)
        Assert.Equal(convs + 64 * 1024 + 1024 + 1024 * 1024 * 64 + 1024, Count(after));   // bridge 64→1024, deconv 1024→1024 8×8
        Assert.Equal(convs + 64 * 64 * 64 + 64 + 64 * 1024 + 1024, Count(before));        // deconv 64→64 8×8, bridge 64→1024
        using var x = randn(2, 3, 64, 64);
        using var g = before.Features(x);
        Assert.Equal(new long[] { 2, 1024, 7, 7 }, g.shape);
        before.ZeroBridge();
        using var zero = before.Features(x);
        Assert.Equal(0f, zero.abs().max().item<float>());   // the bridge is last: zeroing it zeroes g(I)
    }

    [Fact]
    public void Batch_norm_adds_a_scale_and_shift_per_conv_channel()
    {
        var size = new NetworkSize(64, 0.25);
        using var plain = new ExpNet(new ExpNetOptions { Size = size });
        using var bn = new ExpNet(new ExpNetOptions { Size = size, BatchNorm = true });
        Assert.Equal(plain.ParameterCount + 2 * (16 + 32 + 64 + 128 + 128), bn.ParameterCount);
        Assert.Contains(bn.state_dict().Keys, k => k == "features.bn3.running_mean");
    }

    [Fact]
    public void State_dict_keys_read_like_the_paper()
    {
        using var net = new ExpNet(new ExpNetOptions { Size = new NetworkSize(64, 0.25) });
        var keys = net.state_dict().Keys.ToHashSet();
        foreach (var k in new[] { "features.conv1.weight", "features.conv5.bias", "bridge.weight", "fc.weight", "classifier.bias" })
            Assert.Contains(k, keys);
    }

    [Fact]
    public void Stage_parameters_split_conv_layers_from_the_head()
    {
        using var net = new ExpNet(new ExpNetOptions { Size = new NetworkSize(64, 0.25) });
        var conv = net.ConvParameters().Sum(p => p.numel());
        var head = net.HeadParameters().Sum(p => p.numel());
        Assert.Equal(net.ParameterCount, conv + head);
        Assert.Equal(128 * 2 * 2 * 256 + 256 + 256 * 8 + 8, head);
    }

    [Fact]
    public void Head_is_gaussian_initialised_and_reset_draws_new_weights()
    {
        manual_seed(3);
        using var net = new ExpNet(new ExpNetOptions { Size = new NetworkSize(224, 1.0) });
        var fc = net.state_dict()["fc.weight"];
        Assert.InRange(fc.std().item<float>(), 0.0049, 0.0051);   // 6.4M samples of N(0, 0.005²)
        Assert.InRange(fc.mean().item<float>(), -1e-4, 1e-4);
        using var before = fc.clone();
        net.ResetHead();
        Assert.False(before.allclose(net.state_dict()["fc.weight"], 0, 0));
        Assert.Equal(0f, net.state_dict()["fc.bias"].abs().sum().item<float>());
    }
}
