using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// face-api's ResNet conv layer (faceRecognitionNet/convLayer.ts): conv + bias, then a Scale layer (the folded batch
/// norm of dlib's model), optionally ReLU. Stride 1 uses 'same' padding; the stride-2 "down" variant uses 'valid'.
/// </summary>
public sealed class ScaledConv : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly ScaleLayer scale;
    private readonly bool relu;

    public ScaledConv(long inChannels, long outChannels, int kernel, bool down, bool relu) : base(nameof(ScaledConv))
    {
        conv = Conv2d(inChannels, outChannels, kernel, stride: down ? 2 : 1, padding: down ? 0 : kernel / 2);
        scale = new ScaleLayer(outChannels);
        this.relu = relu;
        Init.He(conv);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = scale.call(conv.call(x));
        return (relu ? functional.relu(y) : y).MoveToOuterDisposeScope();
    }

    /// <summary>Loads <c>prefix/conv/filters</c>, <c>prefix/conv/bias</c> and the scale layer <c>prefix/scale</c>.</summary>
    public void Load(TfjsWeights w, string prefix)
    {
        var (cout, cin, k) = (conv.weight!.shape[0], conv.weight!.shape[1], conv.weight!.shape[2]);
        TfSame.Assign(conv.weight!, w.Conv($"{prefix}/conv/filters", k, cin, cout));
        TfSame.Assign(conv.bias!, w.Vector($"{prefix}/conv/bias", cout));
        scale.Load(w, $"{prefix}/scale", cout);
    }
}

/// <summary>
/// face-api's residual block (faceRecognitionNet/residualLayer.ts): two 3×3 scaled convs, the identity added, ReLU. The
/// "down" block halves the size with a stride-2 valid conv; its shortcut is a 2×2 average pool, zero-padded in
/// channels when they double, and the conv branch is zero-padded by a row and column when the pool is one larger.
/// </summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly ScaledConv conv1;
    private readonly ScaledConv conv2;
    private readonly bool down;

    public ResidualBlock(long inChannels, long outChannels, bool down) : base(nameof(ResidualBlock))
    {
        if (!down && inChannels != outChannels) throw new ArgumentException("A residual block that keeps the size keeps the channels.");
        conv1 = new ScaledConv(inChannels, outChannels, 3, down, relu: true);
        conv2 = new ScaledConv(outChannels, outChannels, 3, down: false, relu: false);
        this.down = down;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = conv2.call(conv1.call(x));
        var shortcut = x;
        if (down)
        {
            shortcut = functional.avg_pool2d(x, 2, 2);
            var (dh, dw) = (shortcut.shape[2] - y.shape[2], shortcut.shape[3] - y.shape[3]);
            if (dh != 0 || dw != 0) y = functional.pad(y, [0, dw, 0, dh]);
            var dc = y.shape[1] - shortcut.shape[1];
            if (dc != 0) shortcut = functional.pad(shortcut, [0, 0, 0, 0, 0, dc]);
        }
        return functional.relu(y + shortcut).MoveToOuterDisposeScope();
    }

    /// <summary>Loads <c>prefix/conv1</c> and <c>prefix/conv2</c>.</summary>
    public void Load(TfjsWeights w, string prefix)
    {
        conv1.Load(w, $"{prefix}/conv1");
        conv2.Load(w, $"{prefix}/conv2");
    }
}
