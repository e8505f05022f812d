using TorchSharp;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Networks.Human;
using FaceNet2ExpNet.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Human;

/// <summary>
/// faceres and its ExpNet in channels-last: their 512→1024 1×1 convolutions (conv_pw_12, the bridge) kill this libtorch
/// on a channels-last input (SIGFPE, which would end this test process); <see cref="ChannelsLastSupport.Guard"/> hands
/// them NCHW, and the rest runs channels-last — forward and backward as in NCHW.
/// </summary>
public class FaceResChannelsLastTests(FaceResNet fixture, ITestOutputHelper output) : IClassFixture<FaceResNet>
{
    private static readonly ComputeFormat ChannelsLast = ComputeFormat.Fp32 with { ChannelsLast = true };
    private static readonly ComputeFormat Bf16ChannelsLast = new() { Precision = Precision.Bf16, ChannelsLast = true };

    private static double Relative(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (x, y) = (a.to_type(ScalarType.Float64), b.to_type(ScalarType.Float64));
        return (x - y).norm().item<double>() / y.norm().item<double>();
    }

    /// <summary>Scores (or g(I)) and the named parameters' gradients of a loss on them, in <paramref name="format"/>.</summary>
    private static (Tensor Out, Dictionary<string, Tensor> Grads) Pass(nn.Module model, Func<Tensor, Tensor> forward, ComputeFormat format, Tensor x, string[] watched)
    {
        model.zero_grad();
        Tensor output;
        using (format.Region(CPU)) output = forward(format.Layout(x));
        output.to_type(ScalarType.Float32).square().mean().backward();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        return (output.detach(), watched.ToDictionary(n => n, n => parameters[n].grad!.clone()));
    }

    [Fact]
    public void Faceres_fine_tunes_channels_last_as_in_nchw_its_1024_output_pointwise_layers_guarded()
    {
        manual_seed(4);
        using var net = fixture.Net.WithClasses(3);
        net.eval();   // the same classifier batch-norm statistics in each pass
        using var x = randn(2, 3, 96, 96);
        string[] watched = ["features.conv1.conv.weight", "features.conv_dw_7.conv.weight", "features.conv_pw_12.conv.weight", "features.conv_pw_13.conv.weight", "classifier.linear.weight"];
        var nchw = Pass(net, net.call, ComputeFormat.Fp32, x, watched);
        Assert.Equal(["features.conv_pw_12.conv", "features.conv_pw_13.conv"], ChannelsLastSupport.Guard(net));
        ChannelsLast.PreparedFor(net, training: true);
        var channelsLast = Pass(net, net.call, ChannelsLast, x, watched);
        Assert.True(Relative(channelsLast.Out, nchw.Out) < 1e-4, $"scores {Relative(channelsLast.Out, nchw.Out):E2} from NCHW's");
        // fp32 summation order differs between the layouts; through 27 ReLU6 layers conv1's gradient differs by ~5e-3
        // (measured against fp64: NCHW 1.8e-3, channels-last 5.3e-3 off), the later layers' by < 2e-3.
        foreach (var name in watched)
            Assert.True(Relative(channelsLast.Grads[name], nchw.Grads[name]) < 2e-2, $"{name}: gradient {Relative(channelsLast.Grads[name], nchw.Grads[name]):E2} from NCHW's");
        // bf16: channels-last is as far from fp32 as bf16 NCHW (the format faceres ran before) — measured: scores 2.2 / 2.2 %,
        // conv1's gradient 58 / 56 %, conv_dw_7's 20 / 20 %, the last layers' 6–8 % in both.
        var bf16 = Pass(net, net.call, Bf16ChannelsLast, x, watched);
        var bf16Nchw = Pass(net, net.call, Bf16ChannelsLast with { ChannelsLast = false }, x, watched);
        output.WriteLine($"bf16 + channels-last / bf16 NCHW from fp32: scores {Relative(bf16.Out, nchw.Out):P1} / {Relative(bf16Nchw.Out, nchw.Out):P1}; " +
                         string.Join(", ", watched.Select(n => $"{n} {Relative(bf16.Grads[n], nchw.Grads[n]):P1} / {Relative(bf16Nchw.Grads[n], nchw.Grads[n]):P1}")));
        Assert.True(Relative(bf16.Out, nchw.Out) < 0.05, $"bf16 + channels-last scores {Relative(bf16.Out, nchw.Out):P1} from fp32's");
        foreach (var name in watched)
        {
            var (cl, plain) = (Relative(bf16.Grads[name], nchw.Grads[name]), Relative(bf16Nchw.Grads[name], nchw.Grads[name]));
            Assert.True(cl < plain + 0.1, $"{name}: bf16 + channels-last gradient {cl:P1} from fp32's, bf16 NCHW {plain:P1}");
        }
    }

    [Fact]
    public void The_cpu_profiles_ExpNet_regresses_faceres_pool5_channels_last_as_in_nchw_its_512_to_1024_bridge_guarded()
    {
        manual_seed(5);
        // The cpu profile's student for faceres: full width at 96 px, conv5 (512 channels) upsampled, then bridged to 1024.
        using var expNet = new ExpNet(new ExpNetOptions { Size = new NetworkSize(96, 1), Target = fixture.Net.Pool5Shape, Classes = 3, UpsampleBeforeBridge = true });
        expNet.eval();
        using var x = randn(2, 3, 96, 96);
        Tensor target;
        using (no_grad()) target = fixture.Net.Pool5(x);
        string[] watched = ["features.conv1.weight", "features.conv5.weight", "bridge.weight"];
        Tensor Loss(Tensor images) => new FeatureRegressionLoss().Compute(expNet.Features(images), target);
        var nchw = Pass(expNet, Loss, ComputeFormat.Fp32, x, watched);
        ChannelsLast.PreparedFor(expNet, training: true);
        Assert.Equal(["bridge"], ChannelsLastSupport.Guard(expNet));
        var channelsLast = Pass(expNet, Loss, ChannelsLast, x, watched);
        Assert.True(Relative(channelsLast.Out, nchw.Out) < 1e-4, $"loss {Relative(channelsLast.Out, nchw.Out):E2} from NCHW's");
        foreach (var name in watched)
            Assert.True(Relative(channelsLast.Grads[name], nchw.Grads[name]) < 1e-3, $"{name}: gradient {Relative(channelsLast.Grads[name], nchw.Grads[name]):E2} from NCHW's");
        Bf16ChannelsLast.PreparedFor(expNet, training: true);
        var bf16 = Pass(expNet, Loss, Bf16ChannelsLast, x, watched);
        Assert.True(Relative(bf16.Out, nchw.Out) < 0.05, $"bf16 + channels-last loss {Relative(bf16.Out, nchw.Out):P1} from fp32's");
    }
}
