namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// Where face-api's model files live and which ones they must be: <c>models/face-api/1.7.15/</c> in the repository
/// (installed by <c>data-prep models install</c> from the npm package; git-ignored), checked against the committed lock
/// file (face-api-models.lock.json: file → SHA-256 and size). See <see cref="ModelPackage"/>.
/// </summary>
public static class FaceApiModels
{
    public const string Package = "@vladmandic/face-api";
    public const string Version = "1.7.15";
    /// <summary>The command that installs the models (named in every "not installed" message).</summary>
    public const string InstallCommand = ModelPackage.InstallCommand;

    public const string Recognition = "face_recognition_model";
    public const string Detector = "tiny_face_detector_model";
    public const string SsdDetector = "ssd_mobilenetv1_model";
    public const string Landmarks = "face_landmark_68_model";

    /// <summary>The package: its model/ files, checked against the embedded face-api-models.lock.json.</summary>
    public static ModelPackage Spec { get; } = new("face-api", Package, Version, "package/model/", "FaceNet2ExpNet.FaceApi.face-api-models.lock.json");

    /// <summary>The models folder below a repository root: models/face-api/1.7.15.</summary>
    public static string FolderUnder(string root) => Spec.FolderUnder(root);

    /// <summary>Files and checksums every install must match (embedded copy of face-api-models.lock.json).</summary>
    public static IReadOnlyDictionary<string, ModelPackage.LockEntry> Lock => Spec.Lock;

    /// <summary>The models folder (see <see cref="ModelPackage.Resolve"/>); throws, naming the install command, when absent.</summary>
    public static string Resolve(string? modelsDir = null) => Spec.Resolve(modelsDir);

    /// <summary>The manifest path of one model (<see cref="Recognition"/>, …) in the resolved folder.</summary>
    public static string Manifest(string? modelsDir, string model) => Path.Combine(Resolve(modelsDir), $"{model}-weights_manifest.json");

    /// <summary>Files of <paramref name="folder"/> that are missing or differ from the lock (empty = verified).</summary>
    public static List<string> Verify(string folder) => Spec.Verify(folder);

    /// <summary>Lowercase hex SHA-256 of a file.</summary>
    public static string Sha256(string path) => ModelPackage.Sha256(path);
}
