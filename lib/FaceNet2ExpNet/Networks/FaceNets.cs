using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// The face nets the method can use, by the name a setting gives: "vgg16" (the paper's architecture, randomly
/// initialised: pre-train it on a face corpus first) and "faceapi-resnet" (face-api's ResNet, pretrained on real faces;
/// docs/face-api.md). Both implement <see cref="IFaceNet"/>, so stage 1, the fine-tune baseline and the layer-selection
/// analysis take either.
/// </summary>
public static class FaceNets
{
    public const string Vgg16Name = "vgg16";
    public const string FaceApiResNetName = "faceapi-resnet";

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [Vgg16Name, FaceApiResNetName];

    /// <summary>
    /// A face net with a last layer of <paramref name="classes"/> outputs. Pretrained nets load their weights from
    /// <paramref name="modelsDir"/> (default: the repository's models/ folder) and keep them; only that last layer is new.
    /// </summary>
    public static IFaceNet Create(string name, int classes, NetworkSize size, string? modelsDir = null) => name switch
    {
        Vgg16Name => new Vgg16(classes, size),
        FaceApiResNetName => FaceRecognitionResNet.Load(FaceApiModels.Resolve(modelsDir), classes, size),
        _ => throw new ArgumentException($"Unknown face net '{name}'; choose one of {string.Join(", ", Names)}."),
    };

    /// <summary>True when <see cref="Create"/> returns trained weights (no face pre-training needed).</summary>
    public static bool IsPretrained(string name) => name switch
    {
        Vgg16Name => false,
        FaceApiResNetName => true,
        _ => throw new ArgumentException($"Unknown face net '{name}'; choose one of {string.Join(", ", Names)}."),
    };
}
