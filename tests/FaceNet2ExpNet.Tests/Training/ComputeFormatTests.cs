using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>bf16 autocast regions and the channels-last memory format: what runs in which precision and layout, and that values agree with fp32.</summary>
[Collection(TorchRng.Collection)]
public sealed class ComputeFormatTests
{
    private static readonly ComputeFormat Bf16 = new() { Precision = Precision.Bf16 };

    [Fact]
    public void Inside_a_bf16_region_convolutions_and_linear_layers_run_in_bf16_losses_in_fp32_and_parameters_stay_fp32()
    {
        Assert.True(Autocast.IsAvailable, "libtorch's autocast entry points were not found");
        manual_seed(3);
        using var conv = nn.Conv2d(3, 16, 3, padding: 1);
        using var fc = nn.Linear(16 * 8 * 8, 5);
        using var x = randn(2, 3, 8, 8);
        using var labels = tensor(new long[] { 1, 4 });
        Tensor features, scores, loss;
        using (Bf16.Region(CPU))
        {
            Assert.True(Autocast.IsEnabled(DeviceType.CPU));
            features = conv.forward(x);
            scores = fc.forward(features.flatten(1));
            loss = nn.functional.cross_entropy(scores, labels);
        }
        Assert.False(Autocast.IsEnabled(DeviceType.CPU));
        Assert.Equal(ScalarType.BFloat16, features.dtype);
        Assert.Equal(ScalarType.BFloat16, scores.dtype);
        Assert.Equal(ScalarType.Float32, loss.dtype);
        loss.backward();
        Assert.All(conv.parameters().Concat(fc.parameters()), p =>
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
        });
        using var reference = conv.forward(x);   // outside the region: fp32 again
        Assert.Equal(ScalarType.Float32, reference.dtype);
        var error = (features.to_type(ScalarType.Float32) - reference).abs().max().item<float>() / reference.abs().max().item<float>();
        Assert.InRange(error, 1e-5, 2e-2);   // bf16 keeps ~3 significant digits: different from fp32, but close
    }

    [Fact]
    public void Regions_nest_and_leaving_them_restores_the_previous_state()
    {
        using (Autocast.Enter(DeviceType.CPU))
        {
            using (Autocast.Enter(DeviceType.CPU)) Assert.True(Autocast.IsEnabled(DeviceType.CPU));
            Assert.True(Autocast.IsEnabled(DeviceType.CPU));
        }
        Assert.False(Autocast.IsEnabled(DeviceType.CPU));
        using (ComputeFormat.Fp32.Region(CPU)) Assert.False(Autocast.IsEnabled(DeviceType.CPU));
    }

    [Fact]
    public void Channels_last_keeps_shape_and_values_and_stores_channels_innermost()
    {
        using var x = arange(2 * 3 * 4 * 5, dtype: ScalarType.Float32).reshape(2, 3, 4, 5);
        using var cl = ComputeFormat.ToChannelsLast(x);
        Assert.Equal(x.shape, cl.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, cl.stride());
        Assert.Equal(0f, (cl - x).abs().max().item<float>());
        Assert.Same(x, ComputeFormat.Fp32.Layout(x));
    }

    [Fact]
    public void ExpNet_gives_the_same_scores_in_channels_last_and_close_ones_in_bf16()
    {
        manual_seed(5);
        using var net = new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.25), BatchNorm = true });
        net.eval();
        using var _ = no_grad();
        using var x = randn(4, 3, 32, 32);
        using var fp32 = net.forward(x);
        using var channelsLast = net.forward(ComputeFormat.ToChannelsLast(x));
        Assert.True((channelsLast - fp32).abs().max().item<float>() < 1e-4f);
        Tensor bf16;
        using (Bf16.Region(CPU)) bf16 = net.forward(x);
        var relative = (bf16.to_type(ScalarType.Float32) - fp32).norm().item<float>() / fp32.norm().item<float>();
        Assert.InRange(relative, 1e-6, 0.05);
    }

    [Fact]
    public void Bf16_is_refused_with_the_layer_named_for_channel_counts_this_libtorch_gets_wrong()
    {
        using var narrow = new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.125), BatchNorm = true });
        var e = Assert.Throws<InvalidOperationException>(() => Bf16.Validated(narrow, training: true));
        Assert.StartsWith("precision bf16 cannot train this network: layer ", e.Message);
        Assert.Contains("(3→8 channels, 3×3 kernel): channel counts that are not multiples of 16", e.Message);
        Assert.Same(ComputeFormat.Fp32, ComputeFormat.Fp32.Validated(narrow, training: true));   // fp32 has no such limit

        using var wide = new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.25), BatchNorm = true });
        Assert.Same(Bf16, Bf16.Validated(wide, training: true));

        // A strided depthwise convolution (MobileNet, faceres): its bf16 input gradient is wrong, its inference right.
        using var depthwise = nn.Sequential(nn.Conv2d(3, 32, 3), nn.Conv2d(32, 32, 3, stride: 2, groups: 32), nn.Conv2d(32, 64, 1));
        Assert.Same(Bf16, Bf16.Validated(depthwise, training: false));
        Assert.Contains("strided depthwise convolution", Assert.Throws<InvalidOperationException>(() => Bf16.Validated(depthwise, training: true)).Message);
    }

    [Fact]
    public void Channels_last_is_refused_for_a_1x1_convolution_with_1024_outputs_which_crashes_this_libtorch()
    {
        using var pointwise = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Conv2d(16, 1024, 1));   // faceres's conv_pw_12 is 512→1024
        var channelsLast = ComputeFormat.Fp32 with { ChannelsLast = true };
        var e = Assert.Throws<InvalidOperationException>(() => channelsLast.Validated(pointwise));
        Assert.Equal("channels_last cannot run this network: layer 1 (16→1024 channels, 1×1 kernel): a 1×1 convolution with 1024 or more " +
                     "outputs crashes this libtorch's oneDNN (SIGFPE) on a channels-last input. Use --set channels_last=off.", e.Message);
        Assert.Same(ComputeFormat.Fp32, ComputeFormat.Fp32.Validated(pointwise));
        using var narrower = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Conv2d(16, 512, 1));
        Assert.Same(channelsLast, channelsLast.Validated(narrower));
    }

    [Fact]
    public void Precision_reads_its_spellings_and_refuses_others()
    {
        Assert.Equal(Precision.Bf16, ComputeFormat.ParsePrecision(" BF16"));
        Assert.Equal(Precision.Bf16, ComputeFormat.ParsePrecision("bfloat16"));
        Assert.Equal(Precision.Fp32, ComputeFormat.ParsePrecision("fp32"));
        Assert.Equal("precision: 'fp16' is not a precision; use fp32 or bf16.", Assert.Throws<ArgumentException>(() => ComputeFormat.ParsePrecision("fp16")).Message);
        Assert.Equal("bf16 + channels-last", (Bf16 with { ChannelsLast = true }).ToString());
    }
}
