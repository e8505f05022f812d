using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Networks.Human;
using FaceNet2ExpNet.Networks.Import;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// The registry of face nets, by the name a setting gives (<c>--face-net</c>). All implement <see cref="IFaceNet"/>, so
/// stage 1, the fine-tune baseline and the layer-selection analysis take any of them (docs/face-api.md, docs/face-nets.md).
/// </summary>
public static class FaceNets
{
    public const string Vgg16Name = "vgg16";
    public const string Vgg16BnName = "vgg16-bn";
    public const string FaceApiResNetName = "faceapi-resnet";
    public const string FaceResName = "faceres";
    public const string VggFaceName = "vggface";

    /// <summary>Every registered face net.</summary>
    public static IReadOnlyList<FaceNetSpec> Specs { get; } =
    [
        new(Vgg16Name, false, "VGG-16 (the paper's architecture), randomly initialised: pre-trained here on the face corpus; standard-normalised input",
            (classes, size, _) => new Vgg16(classes, size)),
        new(Vgg16BnName, false, "VGG-16 with batch norm after every conv, randomly initialised: pre-trained here on the face corpus in minutes on a CPU",
            (classes, size, _) => new Vgg16(classes, size, batchNorm: true)),
        new(FaceApiResNetName, true, "face-api's ResNet-29 face descriptor (dlib), pretrained on real faces; input resized to 150 inside; pool5 = conv256 (256×4×4)",
            (classes, size, models) => FaceRecognitionResNet.Load(FaceApiModels.Resolve(models), classes, size)) { StandardizeTeacher = true },
        new(FaceResName, true, "Human's faceres: MobileNet v1 face-ID net trained on VGGFace2 (HSE_FaceRec_tf); input resized to 224 inside, BGR minus Caffe means; pool5 = conv_pw_13 (1024×7×7)",
            (classes, size, models) => FaceRes.Load(models, classes, size))
        {
            StandardizeTeacher = true,
            // After the bridge, upsampling a 2×2 map to 7×7 on 1024 channels is a 67 M-parameter deconvolution (docs/face-nets.md).
            UpsampleBeforeBridge = true,
        },
        new(VggFaceName, true, "the paper's VGG-Face, imported from models/vgg-face/vgg_face.safetensors if you have the weights",
            VggFace) { StandardizeTeacher = true },
    ];

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Specs.Select(s => s.Name).ToList();

    /// <summary>The registry entry of <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No face net has that name (the message lists the names).</exception>
    public static FaceNetSpec Spec(string name) => Specs.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"Unknown face net '{name}'; choose one of {string.Join(", ", Names)}.");

    /// <summary>
    /// A face net with a last layer of <paramref name="classes"/> outputs. Pretrained nets load their weights from
    /// <paramref name="modelsDir"/> (default: the repository's models/ folder) and keep them; only that last layer is new.
    /// </summary>
    public static IFaceNet Create(string name, int classes, NetworkSize size, string? modelsDir = null) => Spec(name).Create(classes, size, modelsDir);

    /// <summary>
    /// Shape of <paramref name="name"/>'s pool5 at <paramref name="size"/>: what stage 1 regresses and ExpNet's bridge
    /// produces. VGG-16's is computed; a pretrained net is built to ask it (its models must be installed).
    /// </summary>
    public static FeatureShape Pool5Shape(string name, NetworkSize size)
    {
        if (!IsPretrained(name)) return Vgg16.Pool5ShapeFor(size);
        var net = Create(name, 2, size);
        using (net.Module) return net.Pool5Shape;
    }

    /// <summary>
    /// Shape of <paramref name="name"/>'s layer <paramref name="layer"/> (<see cref="TeacherLayer"/>) at <paramref name="size"/>:
    /// what stage 1 regresses and ExpNet's bridge produces. pool5 of VGG-16 is computed; otherwise the net is built to ask.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown face net, or it has no such layer.</exception>
    public static FeatureShape TapShape(string name, string layer, NetworkSize size)
    {
        if (layer == TeacherLayer.Pool5) return Pool5Shape(name, size);
        var net = Create(name, 2, size);
        using (net.Module) return TeacherLayer.Shape(net, layer, size.InputSize);
    }

    /// <summary>True when <see cref="Create"/> returns trained weights (no face pre-training needed).</summary>
    public static bool IsPretrained(string name) => Spec(name).Pretrained;

    private static IFaceNet VggFace(int classes, NetworkSize size, string? modelsDir)
    {
        var path = VggFaceImport.DefaultPath(modelsDir);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: VGG-Face weights not found. They are not downloadable here; if you have them, " +
                                            "convert them to safetensors as docs/face-api.md shows and put them there.", path);
        var imported = VggFaceImport.Load(path);
        var net = new VggFace(imported.Net, imported.Order, size);
        if (classes == net.Classes) return net;
        using (imported) return net.ForClasses(classes);
    }
}
