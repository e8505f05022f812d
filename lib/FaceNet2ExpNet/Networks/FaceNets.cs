using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Networks.Human;
using FaceNet2ExpNet.Networks.Import;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// The face nets the method can use, by the name a setting gives: "vgg16" / "vgg16-bn" (the paper's architecture, without
/// or with batch norm, randomly initialised: pre-train it on a face corpus first), "faceapi-resnet" (face-api's ResNet, pretrained on real faces),
/// "faceres" (Human's MobileNet v1 face-ID net, pretrained on VGGFace2; docs/face-nets.md) and
/// "vggface" (the paper's VGG-Face, for researchers who have its weights as models/vgg-face/vgg_face.safetensors).
/// All implement <see cref="IFaceNet"/>, so stage 1, the fine-tune baseline and the layer-selection analysis take any
/// of them (docs/face-api.md).
/// </summary>
public static class FaceNets
{
    public const string Vgg16Name = "vgg16";
    public const string Vgg16BnName = "vgg16-bn";
    public const string FaceApiResNetName = "faceapi-resnet";
    public const string VggFaceName = "vggface";
    public const string FaceResName = FaceRes.NetName;

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [Vgg16Name, Vgg16BnName, FaceApiResNetName, FaceResName, VggFaceName];

    /// <summary>
    /// A face net with a last layer of <paramref name="classes"/> outputs. Pretrained nets load their weights from
    /// <paramref name="modelsDir"/> (default: the repository's models/ folder) and keep them; only that last layer is new.
    /// </summary>
    public static IFaceNet Create(string name, int classes, NetworkSize size, string? modelsDir = null) => name switch
    {
        Vgg16Name => new Vgg16(classes, size),
        Vgg16BnName => new Vgg16(classes, size, batchNorm: true),
        FaceApiResNetName => FaceRecognitionResNet.Load(FaceApiModels.Resolve(modelsDir), classes, size),
        FaceResName => FaceRes.Load(modelsDir, classes, size),
        VggFaceName => VggFace(classes, size, modelsDir),
        _ => throw new ArgumentException($"Unknown face net '{name}'; choose one of {string.Join(", ", Names)}."),
    };

    /// <summary>True when <see cref="Create"/> returns trained weights (no face pre-training needed).</summary>
    public static bool IsPretrained(string name) => name switch
    {
        Vgg16Name or Vgg16BnName => false,
        FaceApiResNetName or FaceResName or VggFaceName => true,
        _ => throw new ArgumentException($"Unknown face net '{name}'; choose one of {string.Join(", ", Names)}."),
    };

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
