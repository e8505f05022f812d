using FaceNet2ExpNet.Networks.FaceApi;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.Human;

/// <summary>
/// One layer of Keras' MobileNet v1 as tfjs-converter left it in faceres' graph: a conv — full (conv1, the 1×1
/// pointwise convs) or depthwise 3×3 — with TF 'same' padding (asymmetric at stride 2: the extra row/column after), the
/// batch norm folded into a bias, then ReLU6 (Relu, then clip_by_value at 6 and 0).
/// <para>In the graph the batch-norm scale of a full conv is already folded into its weights
/// (<c>&lt;layer&gt;/convolution/merged_input</c>) and its shift is <c>&lt;layer&gt;_bn/batchnorm_1/sub</c>; a depthwise
/// conv keeps the scale as a separate Mul (<c>&lt;layer&gt;_bn/batchnorm_1/mul</c>), which <see cref="Load"/> folds into
/// the filter (the same affine map, computed in one step).</para>
/// </summary>
public sealed class MobileNetConv : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly long inChannels;
    private readonly int kernel;
    private readonly int stride;
    private readonly bool depthwise;

    /// <param name="depthwise">A 3×3 depthwise conv (<paramref name="outChannels"/> must equal <paramref name="inChannels"/>).</param>
    public MobileNetConv(long inChannels, long outChannels, int kernel, int stride, bool depthwise) : base(nameof(MobileNetConv))
    {
        if (depthwise && inChannels != outChannels) throw new ArgumentException("A depthwise conv keeps the channels.");
        (this.inChannels, this.kernel, this.stride, this.depthwise) = (inChannels, kernel, stride, depthwise);
        // Stride 1 'same' is symmetric (torch's padding); stride 2 pads in forward, as TF does.
        conv = Init.He(Conv2d(inChannels, outChannels, kernel, stride: stride, padding: stride == 1 ? kernel / 2 : 0,
            groups: depthwise ? inChannels : 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var padded = stride == 1 ? x : TfSame.Pad(x, kernel, stride);
        return functional.relu6(conv.call(padded)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Loads the graph's weights of layer <paramref name="layer"/> ("conv1", "conv_dw_3", "conv_pw_13") and checks that
    /// its activation is ReLU6 (the clip constants <c>&lt;layer&gt;_relu/Cast</c> = 6 and <c>Const_1</c> = 0).
    /// </summary>
    /// <exception cref="InvalidDataException">A weight is missing, has another shape, or the clip is not [0, 6].</exception>
    public void Load(TfjsWeights w, string layer)
    {
        var (cout, cin) = (conv.weight!.shape[0], inChannels);
        if (depthwise)
        {
            using var filter = w.Depthwise($"{layer}/depthwise_kernel", kernel, cin);
            using var scale = w.Vector($"{layer}_bn/batchnorm_1/mul", cout);
            TfSame.Assign(conv.weight!, filter * scale.view(-1, 1, 1, 1));
        }
        else TfSame.Assign(conv.weight!, w.Conv($"{layer}/convolution/merged_input", kernel, cin, cout));
        TfSame.Assign(conv.bias!, w.Vector($"{layer}_bn/batchnorm_1/sub", cout));
        var (max, min) = (Scalar(w, $"{layer}_relu/Cast"), Scalar(w, $"{layer}_relu/Const_1"));
        if (max != 6 || min != 0)
            throw new InvalidDataException($"{w.Source}: layer '{layer}' clips its ReLU to [{min}, {max}]; this port implements ReLU6 ([0, 6]).");
    }

    private static float Scalar(TfjsWeights w, string name)
    {
        using var t = w.Get(name);
        return t.item<float>();
    }
}
