using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// The face-net layer stage 1 regresses (setting <c>stage1.teacher_layer</c>): "pool5" — the paper's choice
/// (Sec. III-C), each face net's last conv map (<see cref="IFaceNet.Pool5"/>) — or any other of its taps
/// (<see cref="IFaceNet.TapNames"/>). A vector tap (fc6, a descriptor) is a D×1×1 map, so ExpNet's bridge and
/// average pooling reach it the same way.
/// </summary>
public static class TeacherLayer
{
    public const string Pool5 = "pool5";

    /// <summary>G(I) at <paramref name="layer"/>: B×C×H×W.</summary>
    /// <exception cref="ArgumentException">The face net has no such layer (the message lists its taps).</exception>
    public static Tensor Of(IFaceNet net, Tensor images, string layer)
    {
        if (layer == Pool5) return net.Pool5(images);
        Check(net, layer);
        using var scope = NewDisposeScope();
        var tap = net.Taps(images, [layer])[layer];
        return (tap.dim() == 2 ? tap.reshape(tap.shape[0], tap.shape[1], 1, 1) : tap).MoveToOuterDisposeScope();
    }

    /// <summary>The shape of <paramref name="layer"/> for one image (measured with one forward pass unless it is pool5).</summary>
    /// <exception cref="ArgumentException">The face net has no such layer.</exception>
    public static FeatureShape Shape(IFaceNet net, string layer, int inputSize)
    {
        if (layer == Pool5) return net.Pool5Shape;
        Check(net, layer);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var training = net.Module.training;
        net.Module.eval();
        var map = Of(net, zeros(1, 3, inputSize, inputSize), layer);
        if (training) net.Module.train();
        return new FeatureShape((int)map.shape[1], (int)map.shape[2], (int)map.shape[3]);
    }

    private static void Check(IFaceNet net, string layer)
    {
        if (!net.TapNames.Contains(layer))
            throw new ArgumentException($"stage1.teacher_layer: face net {net.Name} has no layer '{layer}'; use pool5 or one of {string.Join(", ", net.TapNames)}.");
    }
}
