using FaceNet2ExpNet.Data;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.Import;

/// <summary>Channel order a net's first layer expects.</summary>
public enum ChannelOrder { Rgb, Bgr }

/// <summary>
/// VGG-Face [33] as an <see cref="IFaceNet"/>: an imported <see cref="Vgg16"/> that sees the input it was trained on.
/// Callers pass the project's standard input (<see cref="Normalization.Standard"/>, any size); inside, images are
/// resized to the net's own input size (224 for VGG-Face), brought back to 0–255, the VGG-Face mean RGB
/// [129.1863, 104.7624, 93.5940] is subtracted (no scaling), and the channels are reversed to BGR when the weights come
/// from the Caffe original. Taps and pool5 are the wrapped Vgg16's.
/// </summary>
public sealed class VggFace : Module<Tensor, Tensor>, IFaceNet
{
    /// <summary>VGG-Face's mean, in RGB order, on 0–255 pixels.</summary>
    public static readonly float[] MeanRgb = [129.1863f, 104.7624f, 93.5940f];

    private readonly Vgg16 net;

    /// <summary>The order the first layer expects (BGR for the Caffe model).</summary>
    public ChannelOrder Order { get; }
    public string Name => "vggface";
    /// <summary>The input size callers use (images are resized to <see cref="Vgg16"/>'s own size inside).</summary>
    public NetworkSize Size { get; }
    public FeatureShape Pool5Shape => net.Pool5Shape;
    public IReadOnlyList<string> TapNames => net.TapNames;
    public int Classes => net.Classes;
    public nn.Module<Tensor, Tensor> Module => this;
    /// <summary>The wrapped net (weights, state dict).</summary>
    public Vgg16 Net => net;

    public VggFace(Vgg16 net, ChannelOrder order, NetworkSize? size = null) : base(nameof(VggFace))
    {
        this.net = net;
        Order = order;
        Size = size ?? net.Size;
        RegisterComponents();
    }

    /// <summary>Standard-normalised images → VGG-Face's input (resized, 0–255 minus the mean, channel order).</summary>
    public Tensor ToVggFaceInput(Tensor images)
    {
        using var scope = NewDisposeScope();
        var side = net.Size.InputSize;
        if (images.shape[2] != side || images.shape[3] != side)
            images = functional.interpolate(images, [side, side], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
        var n = Normalization.Standard;
        var std = tensor(n.Std.Select(s => s * 255f).ToArray()).reshape(1, 3, 1, 1).to(images.device);
        var shift = tensor(n.Mean.Zip(MeanRgb, (m, v) => m * 255f - v).ToArray()).reshape(1, 3, 1, 1).to(images.device);
        var x = images * std + shift;
        return (Order == ChannelOrder.Bgr ? x.flip(1) : x).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return net.call(ToVggFaceInput(images)).MoveToOuterDisposeScope();
    }

    public Tensor Pool5(Tensor images)
    {
        using var scope = NewDisposeScope();
        return net.Pool5(ToVggFaceInput(images)).MoveToOuterDisposeScope();
    }

    public Dictionary<string, Tensor> Taps(Tensor images, IReadOnlyCollection<string> names)
    {
        using var scope = NewDisposeScope();
        return net.Taps(ToVggFaceInput(images), names).ToDictionary(kv => kv.Key, kv => kv.Value.MoveToOuterDisposeScope());
    }

    /// <summary>A copy (weights copied) with a new random fc8 for <paramref name="classes"/> outputs.</summary>
    public IFaceNet ForClasses(int classes) => new VggFace(net.WithClasses(classes), Order, Size);

    public IEnumerable<TorchSharp.Modules.Parameter> ClassifierParameters() => net.ClassifierParameters();
}
