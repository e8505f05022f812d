using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>TensorFlow conventions the face-api nets depend on, in torch terms.</summary>
public static class TfSame
{
    /// <summary>
    /// TF's 'same' padding: total = max((⌈n/s⌉−1)·s + k − n, 0), the smaller half before, the larger after — asymmetric
    /// for stride 2 on even sizes, which torch's symmetric padding cannot express.
    /// </summary>
    public static Tensor Pad(Tensor x, int kernel, int stride, double value = 0)
    {
        var (top, bottom) = Split((int)x.shape[2], kernel, stride);
        var (left, right) = Split((int)x.shape[3], kernel, stride);
        return top + bottom + left + right == 0 ? x.alias()
            : functional.pad(x, [left, right, top, bottom], PaddingModes.Constant, value);
    }

    /// <summary>Padding before and after along one axis of size <paramref name="n"/>.</summary>
    public static (long Before, long After) Split(int n, int kernel, int stride)
    {
        var output = (n + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + kernel - n, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>Copies <paramref name="value"/> into <paramref name="parameter"/> (shapes must agree).</summary>
    public static void Assign(Parameter parameter, Tensor value)
    {
        using var _ = no_grad();
        using (value) parameter.copy_(value);
    }
}

/// <summary>A per-channel affine map y = x·weight + bias (Caffe's Scale layer, as face-api's ResNet uses after each conv).</summary>
public sealed class ScaleLayer : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public ScaleLayer(long channels) : base(nameof(ScaleLayer))
    {
        weight = new Parameter(ones(channels));
        bias = new Parameter(zeros(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => x * weight.view(1, -1, 1, 1) + bias.view(1, -1, 1, 1);

    /// <summary>Loads <c>prefix/weights</c> and <c>prefix/biases</c>.</summary>
    public void Load(TfjsWeights w, string prefix, long channels)
    {
        TfSame.Assign(weight, w.Vector($"{prefix}/weights", channels));
        TfSame.Assign(bias, w.Vector($"{prefix}/biases", channels));
    }
}

/// <summary>
/// tf.separableConv2d + bias: a 3×3 depthwise filter (stride 1 or 2, TF 'same' padding unless the caller pads) then a
/// 1×1 pointwise conv. Used by the tiny face detector and the landmark net.
/// </summary>
public sealed class SeparableConv : Module<Tensor, Tensor>
{
    private readonly Conv2d depthwise;
    private readonly Conv2d pointwise;
    private readonly int stride;
    private readonly bool samePadding;

    public SeparableConv(long inChannels, long outChannels, int stride = 1, bool samePadding = true) : base(nameof(SeparableConv))
    {
        depthwise = Conv2d(inChannels, inChannels, 3, stride: stride, groups: inChannels, bias: false);
        pointwise = Conv2d(inChannels, outChannels, 1);
        this.stride = stride;
        this.samePadding = samePadding;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var padded = samePadding ? TfSame.Pad(x, 3, stride) : x;
        return pointwise.call(depthwise.call(padded)).MoveToOuterDisposeScope();
    }

    /// <summary>Loads <c>prefix/depthwise_filter</c>, <c>prefix/pointwise_filter</c> and <c>prefix/bias</c>.</summary>
    public void Load(TfjsWeights w, string prefix)
    {
        var (cin, cout) = (depthwise.weight!.shape[0], pointwise.weight!.shape[0]);
        TfSame.Assign(depthwise.weight!, w.Depthwise($"{prefix}/depthwise_filter", 3, cin));
        TfSame.Assign(pointwise.weight!, w.Conv($"{prefix}/pointwise_filter", 1, cin, cout));
        TfSame.Assign(pointwise.bias!, w.Vector($"{prefix}/bias", cout));
    }
}
