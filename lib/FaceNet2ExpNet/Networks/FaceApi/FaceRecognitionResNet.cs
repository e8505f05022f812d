using TorchSharp;
using FaceNet2ExpNet.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// face-api's face recognition net (faceRecognitionNet/, a port of dlib's ResNet-29 face descriptor): 7×7/2 conv,
/// 3×3/2 max-pool, residual stages of 32-64-128-256 channels, a final stride-2 block, global average pooling to 256 and
/// a 128×256 matrix to the 128-d descriptor (faces match when descriptors are close). Trained on real faces, it is the
/// pretrained face net available here in place of VGG-Face. A <c>classifier</c> on the descriptor (<see cref="DescriptorClassifier"/>:
/// batch norm, then a linear layer) makes it a classifier for fine-tuning (the paper's baseline).
/// <para>Taps, mirroring VGG-16's pool4/pool5/fc6/fc7: <c>conv128</c> (end of the 128-channel stage, 128×8×8),
/// <c>conv256</c> (end of the 256-channel stage, 256×4×4: the last conv stage, which plays pool5's role and supervises
/// stage 1), <c>avgpool</c> (the final stride-2 block + global average pool, 256-d, in fc6's place: the first layer that
/// mixes all positions) and <c>descriptor</c> (128-d, in fc7's place: the representation before the classifier).</para>
/// <para>Input: the project's standard input (<see cref="Normalization.Standard"/>, any size). Inside, images are resized
/// to face-api's 150×150 (bilinear, antialiased; untouched at 150) and converted to face-api's convention (0–255 RGB minus
/// its mean [122.782, 117.001, 104.298], over 255). The resize is not optional: the descriptor of a face at 192 or 224
/// pixels has cosine ≈ 0.67–0.87 with the same face at 150 (the valid-padding grid shifts), less than two different
/// people at 150 (≈ 0.85–0.9); a ±10–30 % change of face scale within the 150 crop costs only ≈ 0.95–0.99.</para>
/// </summary>
public sealed class FaceRecognitionResNet : Module<Tensor, Tensor>, IFaceNet
{
    /// <summary>face-api's input side.</summary>
    public const int FaceApiInputSize = 150;
    /// <summary>face-api's mean RGB (0–255), subtracted before dividing by 255.</summary>
    public static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];
    private static readonly string[] Tapped = ["conv128", "conv256", "avgpool", "descriptor"];

    private readonly ScaledConv conv32_down;
    private readonly ResidualBlock conv32_1, conv32_2, conv32_3;
    private readonly ResidualBlock conv64_down, conv64_1, conv64_2, conv64_3;
    private readonly ResidualBlock conv128_down, conv128_1, conv128_2;
    private readonly ResidualBlock conv256_down, conv256_1, conv256_2, conv256_down_out;
    private readonly Linear fc;
    private readonly DescriptorClassifier classifier;

    public string Name => "faceapi-resnet";
    /// <summary>Input size as given; the width is always 1.0 (the pretrained channel counts cannot be scaled).</summary>
    public NetworkSize Size { get; }
    public FeatureShape Pool5Shape { get; }
    public IReadOnlyList<string> TapNames => Tapped;
    public int Classes { get; }
    public nn.Module<Tensor, Tensor> Module => this;

    /// <summary>A randomly initialised net (use <see cref="Load"/> for face-api's weights).</summary>
    public FaceRecognitionResNet(int classes, NetworkSize? size = null) : base(nameof(FaceRecognitionResNet))
    {
        var input = (size ?? new NetworkSize(FaceApiInputSize)).Validated().InputSize;
        if (classes < 2) throw new ArgumentException($"FaceRecognitionResNet needs at least 2 classes, got {classes}.");
        Size = new NetworkSize(input, 1.0);
        Classes = classes;
        Pool5Shape = Conv256Shape;

        conv32_down = new ScaledConv(3, 32, 7, down: true, relu: true);
        (conv32_1, conv32_2, conv32_3) = (new(32, 32, false), new(32, 32, false), new(32, 32, false));
        (conv64_down, conv64_1, conv64_2, conv64_3) = (new(32, 64, true), new(64, 64, false), new(64, 64, false), new(64, 64, false));
        (conv128_down, conv128_1, conv128_2) = (new(64, 128, true), new(128, 128, false), new(128, 128, false));
        (conv256_down, conv256_1, conv256_2) = (new(128, 256, true), new(256, 256, false), new(256, 256, false));
        conv256_down_out = new ResidualBlock(256, 256, true);
        fc = Linear(256, 128, hasBias: false);
        classifier = new DescriptorClassifier(128, classes);
        RegisterComponents();
    }

    /// <summary>face-api's pretrained weights (face_recognition_model) with a new random classifier for <paramref name="classes"/>.</summary>
    public static FaceRecognitionResNet Load(string modelsDir, int classes, NetworkSize? size = null)
    {
        var net = new FaceRecognitionResNet(classes, size);
        net.LoadWeights(TfjsWeights.Load(FaceApiModels.Manifest(modelsDir, FaceApiModels.Recognition)));
        return net;
    }

    /// <summary>Copies every weight except the classifier from a face_recognition_model manifest.</summary>
    public void LoadWeights(TfjsWeights w)
    {
        conv32_down.Load(w, "conv32_down");
        foreach (var (name, block) in Blocks()) block.Load(w, name);
        TfSame.Assign(fc.weight!, w.Dense("fc", 256, 128));
    }

    private IEnumerable<(string Name, ResidualBlock Block)> Blocks() =>
    [
        ("conv32_1", conv32_1), ("conv32_2", conv32_2), ("conv32_3", conv32_3),
        ("conv64_down", conv64_down), ("conv64_1", conv64_1), ("conv64_2", conv64_2), ("conv64_3", conv64_3),
        ("conv128_down", conv128_down), ("conv128_1", conv128_1), ("conv128_2", conv128_2),
        ("conv256_down", conv256_down), ("conv256_1", conv256_1), ("conv256_2", conv256_2), ("conv256_down_out", conv256_down_out),
    ];

    /// <summary>Standard-normalised images of any size → face-api's input: 150×150, (RGB − mean) / 255.</summary>
    public static Tensor FromStandard(Tensor images)
    {
        using var scope = NewDisposeScope();
        if (images.shape[2] != FaceApiInputSize || images.shape[3] != FaceApiInputSize)
            images = functional.interpolate(images, [FaceApiInputSize, FaceApiInputSize], mode: InterpolationMode.Bilinear,
                align_corners: false, antialias: true);
        var n = Normalization.Standard;
        var std = tensor(n.Std).reshape(1, 3, 1, 1).to(images.device);
        var mean = tensor(n.Mean.Zip(MeanRgb, (m, rgb) => m - rgb / 255f).ToArray()).reshape(1, 3, 1, 1).to(images.device);
        return (images * std + mean).MoveToOuterDisposeScope();
    }

    /// <summary>0–255 RGB pixels (N×3×H×W) → face-api's input, exactly as faceRecognitionNet normalises.</summary>
    public static Tensor FromPixels(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var mean = tensor(MeanRgb).reshape(1, 3, 1, 1).to(pixels.device);
        return ((pixels - mean) / 255f).MoveToOuterDisposeScope();
    }

    /// <summary>All four taps (and the class scores) from face-api-normalised input.</summary>
    private Dictionary<string, Tensor> Run(Tensor x, bool scores)
    {
        var taps = new Dictionary<string, Tensor>();
        x = functional.max_pool2d(conv32_down.call(x), 3, 2);
        foreach (var (name, block) in Blocks())
        {
            x = block.call(x);
            if (name == "conv128_2") taps["conv128"] = x;
            if (name == "conv256_2") taps["conv256"] = x;
        }
        taps["avgpool"] = x.mean([2, 3]);
        taps["descriptor"] = fc.call(taps["avgpool"]);
        if (scores) taps["scores"] = classifier.call(taps["descriptor"]);
        return taps;
    }

    /// <summary>Class scores (the classifier on the descriptor) for standard-normalised images.</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Run(FromStandard(images), scores: true)["scores"].MoveToOuterDisposeScope();
    }

    /// <summary>The 128-d face descriptor of standard-normalised images.</summary>
    public Tensor Descriptor(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Run(FromStandard(images), scores: false)["descriptor"].MoveToOuterDisposeScope();
    }

    /// <summary>The descriptor of 0–255 RGB pixels, as face-api computes it (its own normalisation, no rounding).</summary>
    public Tensor DescriptorOfPixels(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return Run(FromPixels(pixels), scores: false)["descriptor"].MoveToOuterDisposeScope();
    }

    public Tensor Pool5(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Taps(images, ["conv256"])["conv256"].MoveToOuterDisposeScope();
    }

    public Dictionary<string, Tensor> Taps(Tensor images, IReadOnlyCollection<string> names)
    {
        foreach (var n in names)
            if (!Tapped.Contains(n)) throw new ArgumentException($"FaceRecognitionResNet has no tap '{n}'; taps are {string.Join(", ", Tapped)}.");
        using var scope = NewDisposeScope();
        var all = Run(FromStandard(images), scores: false);
        return names.Distinct().ToDictionary(n => n, n => all[n].MoveToOuterDisposeScope());
    }

    /// <summary>A copy (weights copied) whose classifier is new and random, for <paramref name="classes"/> outputs.</summary>
    public FaceRecognitionResNet WithClasses(int classes) => LastLayerSwap.CopyAllBut(this, new FaceRecognitionResNet(classes, Size), "classifier.");

    IFaceNet IFaceNet.ForClasses(int classes) => WithClasses(classes);

    public IEnumerable<Parameter> ClassifierParameters() => classifier.parameters();

    /// <summary>The <c>conv256</c> tap's shape: 256×4×4 (150 → 72 → 35 → 17 → 8 → 4 through the valid convs and pools).</summary>
    public static FeatureShape Conv256Shape { get; } = new(256, 4, 4);

    public long ParameterCount => parameters().Sum(p => p.numel());
}
