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
    public void Bf16_runs_the_layers_this_libtorch_gets_wrong_in_fp32_so_width_one_eighth_gradients_match_fp32()
    {
        // Width ⅛ (the CPU profiles): conv1 3→8 and conv2 8→16 have channel counts bf16 computes wrongly here.
        manual_seed(7);
        using var narrow = new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.125), BatchNorm = true });
        Assert.Equal(["features.conv1", "features.conv2"], Bf16Support.WrongLayers(narrow, training: true).Select(l => l.Name));
        Assert.Contains("(3→8 channels, 3×3 kernel): channel counts that are not multiples of 16", Bf16Support.WrongLayers(narrow, true)[0].Why);
        using var x = randn(16, 3, 32, 32);
        using var labels = randint(0, 3, 16);
        Assert.Same(Bf16, Bf16.PreparedFor(narrow, training: true));
        Assert.Equal(["features.conv1", "features.conv2"], Bf16Support.KeepInFp32(narrow, training: true));   // installed once: idempotent

        // NCHW, where this libtorch's bf16 errs most (without the fp32 layers: scores 20-90 % off, conv1's gradient >100 %).
        narrow.eval();
        using (no_grad())
        {
            using var reference = narrow.forward(x);
            Tensor scores;
            using (Bf16.Region(CPU)) scores = narrow.forward(x);
            var error = (scores.to_type(ScalarType.Float32) - reference).norm().item<float>() / reference.norm().item<float>();
            Assert.True(error < 0.05, $"bf16 scores {error:P1} from fp32's");
        }
        // Gradients: bf16 keeps ~3 digits, and a ReLU or max-pool that flips passes it on, so even at width ¼ (every
        // layer right) conv1's bf16 gradient is ~25-30 % from fp32's here; the wrong kernels give over 100 %.
        var fp32 = Gradients(narrow, ComputeFormat.Fp32, x, labels);
        var bf16 = Gradients(narrow, Bf16, x, labels);
        foreach (var name in new[] { "features.conv1.weight", "features.conv2.weight", "features.conv5.weight", "fc.weight" })
        {
            var relative = (bf16[name] - fp32[name]).norm().item<float>() / fp32[name].norm().item<float>();
            Assert.True(relative < 0.5, $"{name}: bf16 gradient {relative:P1} from fp32's");
        }

        // Inside a bf16 region the fp32 layers leave autocast on for the rest: g(I) (conv5 + bridge) comes out bf16.
        narrow.eval();
        using (no_grad())
        using (Bf16.Region(CPU))
        {
            using var features = narrow.Features(x);
            Assert.Equal(ScalarType.BFloat16, features.dtype);
            Assert.True(Autocast.IsEnabled(DeviceType.CPU));
        }
    }

    [Fact]
    public void A_strided_depthwise_convolution_trains_in_fp32_under_bf16_and_infers_in_bf16()
    {
        // MobileNet (faceres): bf16 gets the input gradient of a strided depthwise convolution wrong, its inference right.
        manual_seed(8);
        using var net = nn.Sequential(nn.Conv2d(3, 32, 3), nn.Conv2d(32, 32, 3, stride: 2, groups: 32), nn.Conv2d(32, 64, 1));
        Assert.Empty(Bf16Support.WrongLayers(net, training: false));
        Assert.Contains("strided depthwise convolution", Assert.Single(Bf16Support.WrongLayers(net, training: true)).Why);
        Bf16.PreparedFor(net, training: true);
        using var x = randn(2, 3, 17, 17);
        var grads = new Dictionary<string, Tensor>[2];
        foreach (var (format, i) in new[] { (ComputeFormat.Fp32, 0), (Bf16, 1) })
        {
            net.zero_grad();
            using (format.Region(CPU)) net.call(x).to_type(ScalarType.Float32).square().mean().backward();
            grads[i] = net.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        }
        var relative = (grads[1]["0.weight"] - grads[0]["0.weight"]).norm().item<float>() / grads[0]["0.weight"].norm().item<float>();
        Assert.True(relative < 0.05, $"the first layer's gradient, behind the depthwise one: {relative:P1} from fp32's");
    }

    [Fact]
    public void Every_layer_bf16_gets_wrong_is_run_in_fp32_in_every_network_that_trains()
    {
        // The fp32 layers are forward hooks, which run only when a network invokes the layer with call: checked here
        // for each network a run can train, at the sizes where it has such layers.
        manual_seed(9);
        using var x = randn(2, 3, 64, 64);
        var networks = new (string, nn.Module<Tensor, Tensor>, int)[]
        {
            ("ExpNet ⅛", new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(64, 0.125) }), 2),
            ("scratch-BN ExpNet ⅛", new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(64, 0.125), BatchNorm = true }), 2),
            ("VGG-16-BN ⅛", new Vgg16(3, new NetworkSize(64, 0.125), batchNorm: true), 3),
            ("faceres", new FaceNet2ExpNet.Networks.Human.FaceRes(3, new NetworkSize(64)), 4),
        };
        foreach (var (label, net, expected) in networks)
            using (net)
            {
                Bf16.PreparedFor(net, training: true);
                var wrong = Bf16Support.WrongLayers(net, training: true);
                Assert.Equal(expected, wrong.Count);
                var dtypes = new Dictionary<string, ScalarType>();
                foreach (var (name, layer, _) in wrong)
                    layer.register_forward_hook((_, _, output) => { dtypes[name] = output.dtype; return output; });
                net.train();
                using (Bf16.Region(CPU)) net.call(x).Dispose();
                Assert.Equal(wrong.Select(l => l.Name).Order(), dtypes.Keys.Order());
                Assert.All(dtypes, d => Assert.True(d.Value == ScalarType.Float32, $"{label}: {d.Key} ran in {d.Value}"));
            }
    }

    private static Dictionary<string, Tensor> Gradients(ExpNet net, ComputeFormat format, Tensor x, Tensor labels)
    {
        net.train();
        net.zero_grad();
        manual_seed(11);   // the same dropout mask in both formats
        Tensor loss;
        using (format.Region(CPU)) loss = nn.functional.cross_entropy(net.forward(format.Layout(x)), labels);
        loss.backward();
        return net.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }

    [Fact]
    public void Channels_last_guards_exactly_the_1x1_convolutions_with_1024_or_more_outputs_which_crash_this_libtorch()
    {
        using var pointwise = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Conv2d(16, 1024, 1), nn.Conv2d(1024, 512, 1), nn.Conv2d(512, 2048, 1));
        Assert.Equal(["1", "3"], ChannelsLastSupport.CrashingLayers(pointwise).Select(l => l.Name));
        var channelsLast = ComputeFormat.Fp32 with { ChannelsLast = true };
        Assert.Same(channelsLast, channelsLast.PreparedFor(pointwise));
        Assert.Equal(["1", "3"], ChannelsLastSupport.Guard(pointwise));   // again: installed once, still named
        using var narrower = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Conv2d(16, 1023, 1), nn.Conv2d(16, 1024, 3));
        Assert.Empty(ChannelsLastSupport.Guard(narrower));
        // Every face net can now run channels-last (faceres' two are guarded; FaceResChannelsLastTests runs them).
        foreach (var name in new[] { FaceNets.Vgg16Name, FaceNets.Vgg16BnName, FaceNets.FaceApiResNetName })
        {
            var net = FaceNets.Create(name, 3, new NetworkSize(64, 0.125));
            using (net.Module) Assert.Empty(ChannelsLastSupport.CrashingLayers(net.Module));
        }
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
