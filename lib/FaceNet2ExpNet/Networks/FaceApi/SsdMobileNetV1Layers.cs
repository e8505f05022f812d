using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// ssdMobilenetv1/pointwiseConvLayer.ts: conv (k×k, stride 1 or 2, TF 'same' padding) + the folded batch-norm offset,
/// then ReLU6. Despite the name, MobileNet's first layer and the prediction layer's stride-2 convs are 3×3.
/// Weights: <c>prefix/weights</c> [k, k, in, out] and <c>prefix/convolution_bn_offset</c> [out].
/// </summary>
public sealed class PointwiseConvLayer : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly int kernel, stride;

    public PointwiseConvLayer(long inChannels, long outChannels, int kernel = 1, int stride = 1) : base(nameof(PointwiseConvLayer))
    {
        conv = Conv2d(inChannels, outChannels, kernel, stride: stride);
        (this.kernel, this.stride) = (kernel, stride);
        RegisterComponents();
    }

    /// <summary>N×in×H×W → N×out×⌈H/stride⌉×⌈W/stride⌉, values in [0, 6].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return conv.call(TfSame.Pad(x, kernel, stride)).clamp(0, 6).MoveToOuterDisposeScope();
    }

    public void Load(TfjsWeights w, string prefix)
    {
        var (cin, cout) = (conv.weight!.shape[1], conv.weight!.shape[0]);
        TfSame.Assign(conv.weight!, w.Conv($"{prefix}/weights", kernel, cin, cout));
        TfSame.Assign(conv.bias!, w.Vector($"{prefix}/convolution_bn_offset", cout));
    }
}

/// <summary>
/// mobileNetV1.ts's depthwiseConvLayer: 3×3 depthwise conv (TF 'same'), tf.batchNorm with the stored moving mean and
/// variance (ε = 0.001 as float32), then ReLU6. The batch norm is applied as y = (x − mean)·k + offset with
/// k = scale / √(variance + ε) computed in double precision, as tfjs-backend-cpu evaluates it per element.
/// Weights: <c>prefix/depthwise_weights</c> [3, 3, c, 1] and <c>prefix/BatchNorm/{gamma, beta, moving_mean, moving_variance}</c>.
/// </summary>
public sealed class DepthwiseConvLayer : Module<Tensor, Tensor>
{
    public const double Epsilon = 0.0010000000474974513;

    private readonly Conv2d depthwise;
    // Per-channel batch norm as 1×c×1×1 buffers: moving mean, scale/√(variance + ε), offset (beta).
    private readonly Tensor batch_norm_mean, batch_norm_factor, batch_norm_offset;
    private readonly int stride;

    public DepthwiseConvLayer(long channels, int stride) : base(nameof(DepthwiseConvLayer))
    {
        depthwise = Conv2d(channels, channels, 3, stride: stride, groups: channels, bias: false);
        (batch_norm_mean, batch_norm_factor, batch_norm_offset) = (zeros(1, channels, 1, 1), ones(1, channels, 1, 1), zeros(1, channels, 1, 1));
        this.stride = stride;
        RegisterComponents();
    }

    /// <summary>N×c×H×W → N×c×⌈H/stride⌉×⌈W/stride⌉, values in [0, 6].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = depthwise.call(TfSame.Pad(x, 3, stride));
        return ((y - batch_norm_mean) * batch_norm_factor + batch_norm_offset).clamp(0, 6).MoveToOuterDisposeScope();
    }

    public void Load(TfjsWeights w, string prefix)
    {
        var c = depthwise.weight!.shape[0];
        TfSame.Assign(depthwise.weight!, w.Depthwise($"{prefix}/depthwise_weights", 3, c));
        using var _ = no_grad();
        using var scale = w.Vector($"{prefix}/BatchNorm/gamma", c).to_type(ScalarType.Float64);
        using var variance = w.Vector($"{prefix}/BatchNorm/moving_variance", c).to_type(ScalarType.Float64);
        using var k = (scale / (variance + Epsilon).sqrt()).to_type(ScalarType.Float32);
        using var m = w.Vector($"{prefix}/BatchNorm/moving_mean", c);
        using var b = w.Vector($"{prefix}/BatchNorm/beta", c);
        batch_norm_mean.copy_(m.view(1, -1, 1, 1));
        batch_norm_factor.copy_(k.view(1, -1, 1, 1));
        batch_norm_offset.copy_(b.view(1, -1, 1, 1));
    }
}

/// <summary>
/// ssdMobilenetv1/boxPredictionLayer.ts: two 1×1 convs (common/convLayer.ts, with bias, no activation) over one feature
/// map of H×W cells with A anchors per cell, giving N×(H·W·A)×4 box encodings and N×(H·W·A)×3 class logits, cells in
/// row-major order and anchors innermost (TF's NHWC reshape).
/// Weights: <c>prefix/BoxEncodingPredictor/{weights, biases}</c> and <c>prefix/ClassPredictor/{weights, biases}</c>.
/// </summary>
public sealed class BoxPredictionLayer : Module<Tensor, (Tensor BoxEncodings, Tensor ClassLogits)>
{
    private readonly Conv2d box_encoding_predictor, class_predictor;

    public BoxPredictionLayer(long inChannels, int anchors) : base(nameof(BoxPredictionLayer))
    {
        box_encoding_predictor = Conv2d(inChannels, anchors * 4, 1);
        class_predictor = Conv2d(inChannels, anchors * 3, 1);
        RegisterComponents();
    }

    public override (Tensor BoxEncodings, Tensor ClassLogits) forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var n = x.shape[0];
        var boxes = box_encoding_predictor.call(x).permute(0, 2, 3, 1).reshape(n, -1, 4);
        var classes = class_predictor.call(x).permute(0, 2, 3, 1).reshape(n, -1, 3);
        return (boxes.MoveToOuterDisposeScope(), classes.MoveToOuterDisposeScope());
    }

    public void Load(TfjsWeights w, string prefix)
    {
        foreach (var (conv, name) in new[] { (box_encoding_predictor, "BoxEncodingPredictor"), (class_predictor, "ClassPredictor") })
        {
            var (cin, cout) = (conv.weight!.shape[1], conv.weight!.shape[0]);
            TfSame.Assign(conv.weight!, w.Conv($"{prefix}/{name}/weights", 1, cin, cout));
            TfSame.Assign(conv.bias!, w.Vector($"{prefix}/{name}/biases", cout));
        }
    }
}
