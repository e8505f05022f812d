using FaceNet2ExpNet.Networks;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Networks;

public class Vgg16Tests
{
    private static readonly NetworkSize Small = new(64, 0.125);

    [Fact]
    public void Paper_size_with_1000_classes_has_138_357_544_parameters()
    {
        using var net = new Vgg16(1000);
        Assert.Equal(138_357_544, net.ParameterCount);
        Assert.Equal(new FeatureShape(512, 7, 7), net.Pool5Shape);
    }

    [Fact]
    public void All_taps_come_from_one_forward_pass_with_the_expected_shapes()
    {
        using var net = new Vgg16(10, Small);
        net.eval();
        using var _ = no_grad();
        using var x = randn(2, 3, 64, 64);
        var taps = net.Taps(x, ["pool4", "pool5", "fc6", "fc7"]);
        Assert.Equal([2L, 64, 4, 4], taps["pool4"].shape);
        Assert.Equal([2L, 64, 2, 2], taps["pool5"].shape);
        Assert.Equal([2L, 512], taps["fc6"].shape);
        Assert.Equal([2L, 512], taps["fc7"].shape);
        Assert.True(taps["fc6"].min().item<float>() >= 0, "fc6 is tapped after its ReLU, as Caffe's in-place ReLU leaves it");
        using var pool5 = net.Pool5(x);
        Assert.True(pool5.allclose(taps["pool5"]));
        foreach (var t in taps.Values) t.Dispose();
    }

    [Fact]
    public void An_unknown_tap_is_a_clear_error()
    {
        using var net = new Vgg16(10, Small);
        var e = Assert.Throws<ArgumentException>(() => net.Taps(zeros(1, 3, 64, 64), ["conv9"]));
        Assert.Contains("pool4, pool5, fc6, fc7", e.Message);
    }

    [Fact]
    public void With_classes_keeps_the_trained_layers_and_draws_a_new_fc8()
    {
        using var identities = new Vgg16(100, Small);
        using var expressions = identities.WithClasses(8);
        Assert.Equal(8, expressions.Classes);
        var a = identities.state_dict();
        var b = expressions.state_dict();
        Assert.True(a["features.conv3_2.weight"].allclose(b["features.conv3_2.weight"], 0, 0));
        Assert.True(a["fc.fc7.weight"].allclose(b["fc.fc7.weight"], 0, 0));
        Assert.Equal([8L, 512], b["fc8.weight"].shape);
        using var x = randn(1, 3, 64, 64);
        using var y = expressions.forward(x);
        Assert.Equal([1L, 8], y.shape);
    }

    [Fact]
    public void Expnet_and_vgg16_pool5_agree_at_the_sizes_profiles_use()
    {
        foreach (var input in new[] { 224, 112, 96, 64, 48 })
        {
            var size = new NetworkSize(input, 0.125);
            using var net = new ExpNet(new ExpNetOptions { Size = size });
            Assert.Equal(net.BridgeShape, Vgg16.Pool5ShapeFor(size));
        }
    }
}
