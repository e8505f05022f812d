namespace FaceNet2ExpNet.Networks.Human;

/// <summary>
/// Where Human's faceres model lives: <c>models/human/3.3.6/faceres.json</c> + <c>faceres.bin</c> (installed by
/// <c>data-prep models install</c> from the npm package @vladmandic/human@3.3.6, MIT; git-ignored), checked against the
/// committed lock human-models.lock.json. Only these two files of the package are installed.
/// </summary>
public static class HumanModels
{
    public const string Package = "@vladmandic/human";
    public const string Version = "3.3.6";
    /// <summary>The faceres graph model (model.json with modelTopology + weightsManifest).</summary>
    public const string FaceRes = "faceres.json";

    /// <summary>The package: its models/faceres.* files, checked against the embedded human-models.lock.json.</summary>
    public static ModelPackage Spec { get; } = new("human", Package, Version, "package/models/", "FaceNet2ExpNet.Human.human-models.lock.json");

    /// <summary>Path of faceres.json in the resolved folder (see <see cref="ModelPackage.Resolve"/>; throws, naming the install command, when absent).</summary>
    public static string FaceResModel(string? modelsDir = null) => Path.Combine(Spec.Resolve(modelsDir), FaceRes);
}
