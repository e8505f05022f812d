using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks.FaceApi;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.Human;

/// <summary>
/// Human's <c>faceres</c> (npm @vladmandic/human 3.3.6, models/faceres.json, MIT; from HSE_FaceRec_tf, A. Savchenko):
/// Keras' MobileNet v1 (width 1.0) trained for face identification on VGGFace2, whose 1024-d global average pool is the
/// face descriptor Human returns, with the multi-task heads of that work on top: <c>feats</c> (FC 1024→256 + ReLU),
/// <c>gender_pred</c> (256→1, sigmoid) and <c>age_pred</c> (256→100, softmax). 224×224×3 in; 27 conv layers (conv1,
/// then 13 depthwise-separable pairs conv_dw_i/conv_pw_i), batch norm folded into the convs, ReLU6 everywhere, TF 'same'
/// padding; the map is 112 → 56 → 28 → 14 → 7. The graph stores 3,489,349 float16 values; with the depthwise
/// batch-norm scales folded into their filters that is 3,484,389 parameters, plus the classifier.
/// <para>Fine-tuning (<see cref="WithClasses"/>): a new <c>classifier</c> (<see cref="DescriptorClassifier"/>: batch norm,
/// then Linear(1024, classes)) on the identity descriptor, as the paper's fine-tuning puts a new fc8 on VGG-Face's identity features. Not on <c>feats</c>: that
/// layer belongs to the age/gender heads and is very sparse — 75 % of its 256 units never fire on the 16 real face crops
/// of the fixtures (61 % on synthetic faces), against 0.1 % of the descriptor's 1024. feats, gender_pred and age_pred
/// are kept (unused by <see cref="forward"/>, so they get no gradient) so the graph's outputs can still be checked.</para>
/// <para>Taps, in depth order, mirroring VGG-16's pool4 / pool5 / fc6 / fc7: <c>conv_pw_11</c> (512×14×14, the end of
/// the 14×14 stage — pool4 is 512×14×14 too), <c>conv_pw_13</c> (1024×7×7, the last conv map = <see cref="Pool5"/>,
/// which supervises stage 1, in pool5's place: 7×7 like pool5), <c>global_pooling</c> (1024, the descriptor: the first
/// layer that mixes all positions, in fc6's place, and the representation the fine-tuning classifier reads) and
/// <c>feats</c> (256, the one fully connected layer above it, in fc7's place by depth). Unlike fc7, feats is not on the
/// fine-tuning path: in a fine-tuned copy only its input changes, so its LES counts show how fine-tuning the layers
/// below moves the pretrained age/gender features. All four follow a ReLU(6), so they are non-negative like VGG's.</para>
/// <para>Input: the project's standard input (<see cref="Normalization.Standard"/>, any size). Inside, images are resized
/// to 224×224 (bilinear, antialiased; untouched at 224) and converted to the convention the net was trained with, as
/// its author's code feeds it (HSE_FaceRec_tf, age_gender_identity/facial_analysis.py, same graph node names): BGR
/// order, 0–255 minus the Caffe/ImageNet means [103.939, 116.779, 123.68] (<see cref="FromPixels"/>). The graph has no
/// normalisation node. Human itself feeds RGB 0–255 with no mean subtracted; that gives a descriptor with cosine
/// 0.77–0.88 to this one for the same face, and identifies worse (verification AUC on 60 synthetic identities 0.984 vs
/// 0.994 here; docs/face-nets.md). <see cref="Outputs"/> takes the graph's input as is, either way.</para>
/// </summary>
public sealed class FaceRes : Module<Tensor, Tensor>, IFaceNet
{
    /// <summary>The name this net goes by in settings and run folders.</summary>
    public const string NetName = "faceres";
    /// <summary>faceres' input side (the graph's input_1 is N×224×224×3).</summary>
    public const int InputSize = 224;
    /// <summary>The descriptor's length (global_pooling/Mean).</summary>
    public const int DescriptorLength = 1024;
    /// <summary>The means subtracted from the 0–255 input, in the net's BGR channel order (Keras' "caffe" preprocessing).</summary>
    public static readonly float[] MeanBgr = [103.939f, 116.779f, 123.68f];
    private static readonly string[] Tapped = ["conv_pw_11", "conv_pw_13", "global_pooling", "feats"];

    /// <summary>The 27 conv layers in order (see <see cref="FaceResGraph.Layers"/>).</summary>
    public static IReadOnlyList<FaceResGraph.Layer> Layers => FaceResGraph.Layers;

    private readonly Sequential features;
    private readonly Linear feats;
    private readonly Linear gender_pred;
    private readonly Linear age_pred;
    private readonly DescriptorClassifier classifier;

    public string Name => NetName;
    /// <summary>Input size as given; the width is always 1.0 (the pretrained channel counts cannot be scaled).</summary>
    public NetworkSize Size { get; }
    /// <summary>1024×7×7, whatever the input size (inputs are resized to 224).</summary>
    public FeatureShape Pool5Shape => ConvPw13Shape;
    public IReadOnlyList<string> TapNames => Tapped;
    public int Classes { get; }
    public nn.Module<Tensor, Tensor> Module => this;

    /// <summary>The <c>conv_pw_13</c> map's shape at 224: 1024×7×7.</summary>
    public static FeatureShape ConvPw13Shape { get; } = new(1024, 7, 7);

    /// <summary>A randomly initialised net (use <see cref="Load"/> for faceres' weights).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 classes, or an input size below 32.</exception>
    public FaceRes(int classes, NetworkSize? size = null) : base(nameof(FaceRes))
    {
        var input = (size ?? new NetworkSize(InputSize)).Validated().InputSize;
        if (classes < 2) throw new ArgumentException($"FaceRes needs at least 2 classes, got {classes}.");
        Size = new NetworkSize(input, 1.0);
        Classes = classes;
        features = Sequential(Layers.Select(l => (l.Name, (Module<Tensor, Tensor>)new MobileNetConv(l.In, l.Out, l.Kernel, l.Stride, l.Depthwise))));
        feats = Linear(DescriptorLength, 256);
        gender_pred = Linear(256, 1);
        age_pred = Linear(256, 100);
        classifier = new DescriptorClassifier(DescriptorLength, classes);
        RegisterComponents();
    }

    /// <summary>faceres' pretrained weights (models/human/3.3.6/faceres.json) with a new random classifier for <paramref name="classes"/>.</summary>
    /// <param name="modelsDir">Folder holding faceres.json + faceres.bin, or a models/ folder or repository root containing
    /// human/3.3.6; null = FN2EN_MODELS or the nearest models/human/3.3.6 (see <see cref="ModelPackage.Resolve"/>).</param>
    /// <exception cref="FileNotFoundException">Not installed; the message names <c>data-prep models install</c>.</exception>
    /// <exception cref="InvalidDataException">The graph's weights are not faceres' (names, shapes, activation clip).</exception>
    public static FaceRes Load(string? modelsDir, int classes, NetworkSize? size = null)
    {
        var net = new FaceRes(classes, size);
        net.LoadWeights(TfjsWeights.Load(HumanModels.FaceResModel(modelsDir)));
        return net;
    }

    /// <summary>Copies every graph weight (all but the classifier), checking that the graph has exactly these weights.</summary>
    public void LoadWeights(TfjsWeights w)
    {
        var expected = FaceResGraph.WeightNames().ToHashSet();
        var unknown = w.Names.Where(n => !expected.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"{w.Source}: weights this port does not know: {string.Join(", ", unknown.Take(5))} — not Human {HumanModels.Version}'s faceres?");
        using (var axes = w.Get("global_pooling/Mean/reduction_indices", 2))
            if (!axes.data<float>().ToArray().SequenceEqual([1f, 2f]))
                throw new InvalidDataException($"{w.Source}: global_pooling does not average over height and width.");
        foreach (var (name, layer) in features.named_children()) ((MobileNetConv)layer).Load(w, name);
        foreach (var ((name, inFeatures, outFeatures), fc) in FaceResGraph.Dense.Zip([feats, gender_pred, age_pred]))
        {
            TfSame.Assign(fc.weight!, w.Dense($"{name}/kernel", inFeatures, outFeatures));
            TfSame.Assign(fc.bias!, w.Vector($"{name}/bias", outFeatures));
        }
    }

    /// <summary>Standard-normalised RGB images (N×3×H×W, any size) → faceres' input: 224×224, BGR, 0–255 minus <see cref="MeanBgr"/>.</summary>
    public static Tensor FromStandard(Tensor images)
    {
        using var scope = NewDisposeScope();
        if (images.shape[2] != InputSize || images.shape[3] != InputSize)
            images = functional.interpolate(images, [InputSize, InputSize], mode: InterpolationMode.Bilinear,
                align_corners: false, antialias: true);
        var n = Normalization.Standard;
        var scale = tensor(n.Std.Select(s => s * 255f).ToArray()).reshape(1, 3, 1, 1).to(images.device);
        var shift = tensor(n.Mean.Select(m => m * 255f).ToArray()).reshape(1, 3, 1, 1).to(images.device);
        return FromPixels(images * scale + shift).MoveToOuterDisposeScope();
    }

    /// <summary>RGB pixels 0–255 (N×3×H×W) → faceres' input: channels reversed to BGR, <see cref="MeanBgr"/> subtracted.</summary>
    public static Tensor FromPixels(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var mean = tensor(MeanBgr).reshape(1, 3, 1, 1).to(pixels.device);
        return (pixels.flip(1) - mean).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Every named output of one pass over the graph's input as given (N×3×H×W, 224 for the graph's shapes; see
    /// <see cref="FromPixels"/> for the trained convention — Human passes RGB 0–255 instead):
    /// the four taps, "gender" (N×1, sigmoid; Human reads ≤ 0.5 as female), "age" (N×100, softmax over age bins) and,
    /// when <paramref name="scores"/>, "scores" (the classifier on the descriptor).
    /// </summary>
    public Dictionary<string, Tensor> Outputs(Tensor pixels, bool scores = false)
    {
        using var scope = NewDisposeScope();
        var taps = new Dictionary<string, Tensor>();
        var x = pixels;
        foreach (var (name, layer) in features.named_children())
        {
            x = ((MobileNetConv)layer).call(x);
            if (name is "conv_pw_11" or "conv_pw_13") taps[name] = x;
        }
        taps["global_pooling"] = x.mean([2, 3]);
        taps["feats"] = functional.relu(feats.call(taps["global_pooling"]));
        taps["gender"] = functional.sigmoid(gender_pred.call(taps["feats"]));
        taps["age"] = functional.softmax(age_pred.call(taps["feats"]), 1);
        if (scores) taps["scores"] = classifier.call(taps["global_pooling"]);
        foreach (var t in taps.Values) t.MoveToOuterDisposeScope();
        return taps;
    }

    /// <summary>Class scores (the classifier on the descriptor) for standard-normalised images.</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Outputs(FromStandard(images), scores: true)["scores"].MoveToOuterDisposeScope();
    }

    /// <summary>The 1024-d face descriptor (global_pooling, what Human returns as the embedding) of standard-normalised images.</summary>
    public Tensor Descriptor(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Outputs(FromStandard(images))["global_pooling"].MoveToOuterDisposeScope();
    }

    /// <summary>G(I) of eq. 4: the conv_pw_13 map, N×1024×7×7 (after ReLU6, so within [0, 6]).</summary>
    public Tensor Pool5(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Taps(images, ["conv_pw_13"])["conv_pw_13"].MoveToOuterDisposeScope();
    }

    /// <exception cref="ArgumentException">A name that is not one of <see cref="TapNames"/>.</exception>
    public Dictionary<string, Tensor> Taps(Tensor images, IReadOnlyCollection<string> names)
    {
        foreach (var n in names)
            if (!Tapped.Contains(n)) throw new ArgumentException($"FaceRes has no tap '{n}'; taps are {string.Join(", ", Tapped)}.");
        using var scope = NewDisposeScope();
        var all = Outputs(FromStandard(images));
        return names.Distinct().ToDictionary(n => n, n => all[n].MoveToOuterDisposeScope());
    }

    /// <summary>A copy (weights copied, same device) whose classifier is new and random, for <paramref name="classes"/> outputs.</summary>
    public FaceRes WithClasses(int classes) => LastLayerSwap.CopyAllBut(this, new FaceRes(classes, Size), "classifier.");

    IFaceNet IFaceNet.ForClasses(int classes) => WithClasses(classes);

    /// <summary>The new last layer's parameters: the classifier on the descriptor (weight, bias).</summary>
    public IEnumerable<Parameter> ClassifierParameters() => classifier.parameters();

    public long ParameterCount => parameters().Sum(p => p.numel());
}
