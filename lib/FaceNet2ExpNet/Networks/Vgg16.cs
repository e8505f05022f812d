using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// VGG-16 (Simonyan &amp; Zisserman; the VGG-Face net of [33]) with Caffe's layer names, so taps and imported weights
/// read like the paper: conv1_1…conv5_3, pool1…pool5, fc6, fc7, fc8. Taps fc6/fc7 are taken after their ReLU, which is
/// what Caffe's in-place ReLU leaves in those blobs. With <c>batchNorm</c> a BN layer follows every conv ("vgg16-bn"):
/// the variant a face net pre-trained from scratch in minutes on a CPU needs (plain VGG-16 stalls at chance for
/// many epochs without it); VGG-Face itself has none.
/// </summary>
public sealed class Vgg16 : Module<Tensor, Tensor>, IFaceNet
{
    private static readonly int[][] Blocks = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]];
    private static readonly string[] Tapped = ["pool4", "pool5", "fc6", "fc7"];

    private readonly Sequential features;
    private readonly Sequential fc;
    private readonly Linear fc8;
    private readonly double dropout;
    private readonly bool batchNorm;

    public string Name => batchNorm ? "vgg16-bn" : "vgg16";
    public NetworkSize Size { get; }
    public FeatureShape Pool5Shape { get; }
    public IReadOnlyList<string> TapNames => Tapped;
    public int Classes { get; }
    public nn.Module<Tensor, Tensor> Module => this;

    public Vgg16(int classes = 1000, NetworkSize? size = null, double dropout = 0.5, bool batchNorm = false) : base(nameof(Vgg16))
    {
        Size = (size ?? NetworkSize.Paper).Validated();
        if (classes < 2) throw new ArgumentException($"Vgg16 needs at least 2 classes, got {classes}.");
        Classes = classes;
        this.dropout = dropout;
        this.batchNorm = batchNorm;

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var inChannels = 3;
        for (var b = 0; b < Blocks.Length; b++)
        {
            for (var i = 0; i < Blocks[b].Length; i++)
            {
                var outChannels = Size.Channels(Blocks[b][i]);
                layers.Add(($"conv{b + 1}_{i + 1}", Init.He(Conv2d(inChannels, outChannels, 3, padding: 1))));
                if (batchNorm) layers.Add(($"bn{b + 1}_{i + 1}", BatchNorm2d(outChannels)));
                layers.Add(($"relu{b + 1}_{i + 1}", ReLU(inplace: true)));   // in place, as torchvision's VGG
                inChannels = outChannels;
            }
            layers.Add(($"pool{b + 1}", MaxPool2d(2, stride: 2)));
        }
        features = Sequential(layers);
        Pool5Shape = Pool5ShapeFor(Size);

        var hidden = Size.Channels(4096);
        fc = Sequential(
            ("fc6", Init.Gaussian(Linear(Pool5Shape.Count, hidden), std: 0.01)), ("relu6", ReLU()), ("drop6", Dropout(dropout)),
            ("fc7", Init.Gaussian(Linear(hidden, hidden), std: 0.01)), ("relu7", ReLU()), ("drop7", Dropout(dropout)));
        fc8 = Init.Gaussian(Linear(hidden, classes), std: 0.01);
        RegisterComponents();
    }

    /// <summary>pool5's shape for a given size: 512·Width channels, input/32 spatially (512×7×7 at 224).</summary>
    public static FeatureShape Pool5ShapeFor(NetworkSize size)
    {
        var side = Pooling.AfterFive(size.InputSize, Pooling.VggPool);
        return new FeatureShape(size.Channels(512), side, side);
    }

    public Tensor Pool5(Tensor images) => features.call(images);

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return fc8.call(fc.call(features.call(images).flatten(1))).MoveToOuterDisposeScope();
    }

    public Dictionary<string, Tensor> Taps(Tensor images, IReadOnlyCollection<string> names)
    {
        foreach (var n in names)
            if (!Tapped.Contains(n)) throw new ArgumentException($"Vgg16 has no tap '{n}'; taps are {string.Join(", ", Tapped)}.");
        var taps = new Dictionary<string, Tensor>();
        using (var scope = NewDisposeScope())
        {
            var x = images;
            foreach (var (name, layer) in features.named_children())
            {
                x = ((Module<Tensor, Tensor>)layer).call(x);
                if (names.Contains(name)) taps[name] = x.MoveToOuterDisposeScope();
            }
            if (names.Contains("fc6") || names.Contains("fc7"))
            {
                x = x.flatten(1);
                foreach (var (name, layer) in fc.named_children())
                {
                    x = ((Module<Tensor, Tensor>)layer).call(x);
                    var tap = name switch { "relu6" => "fc6", "relu7" => "fc7", _ => null };
                    if (tap is not null && names.Contains(tap)) taps[tap] = x.MoveToOuterDisposeScope();
                }
            }
        }
        return taps;
    }

    /// <summary>A copy of this net (weights copied) whose fc8 is new and random, for <paramref name="classes"/> outputs.</summary>
    public Vgg16 WithClasses(int classes)
    {
        var copy = new Vgg16(classes, Size, dropout, batchNorm);
        var state = state_dict().Where(kv => !kv.Key.StartsWith("fc8.")).ToDictionary(kv => kv.Key, kv => kv.Value);
        copy.load_state_dict(state, strict: false);
        return copy;
    }

    IFaceNet IFaceNet.ForClasses(int classes) => WithClasses(classes);

    public IEnumerable<Parameter> ClassifierParameters() => fc8.parameters();

    public long ParameterCount => parameters().Sum(p => p.numel());
}
