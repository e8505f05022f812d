using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// Where face-api's model files live and which ones they must be: <c>models/face-api/1.7.15/</c> in the repository
/// (installed by <c>data-prep models install</c> from the npm package; git-ignored), checked against the committed lock
/// file (face-api-models.lock.json: file → SHA-256 and size).
/// </summary>
public static class FaceApiModels
{
    public const string Package = "@vladmandic/face-api";
    public const string Version = "1.7.15";
    /// <summary>The command that installs the models (named in every "not installed" message).</summary>
    public const string InstallCommand = "dotnet run --project data-prep -c Release -- models install   (or ./scripts/setup.sh)";

    public const string Recognition = "face_recognition_model";
    public const string Detector = "tiny_face_detector_model";
    public const string Landmarks = "face_landmark_68_model";

    /// <summary>The models folder below a repository root: models/face-api/1.7.15.</summary>
    public static string FolderUnder(string root) => Path.Combine(root, "models", "face-api", Version);

    /// <summary>Files and checksums every install must match (embedded copy of face-api-models.lock.json).</summary>
    public static IReadOnlyDictionary<string, LockEntry> Lock { get; } = ReadLock();

    /// <summary>SHA-256 (lowercase hex) and size of one model file.</summary>
    public sealed record LockEntry(string Sha256, long Size);

    /// <summary>
    /// The models folder: <paramref name="modelsDir"/> if given (a folder holding the model files, or a repository
    /// root / models folder containing face-api/1.7.15), else FN2EN_MODELS, else the nearest models/face-api/1.7.15
    /// above the working directory or the application. Throws, naming the install command, when none has the files.
    /// </summary>
    public static string Resolve(string? modelsDir = null)
    {
        var candidates = new List<string>();
        if (modelsDir is not null)
            candidates.AddRange([modelsDir, Path.Combine(modelsDir, "face-api", Version), FolderUnder(modelsDir)]);
        else
        {
            if (Environment.GetEnvironmentVariable("FN2EN_MODELS") is { Length: > 0 } env)
                candidates.AddRange([env, Path.Combine(env, "face-api", Version)]);
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    candidates.Add(FolderUnder(dir.FullName));
        }
        foreach (var c in candidates.Distinct())
            if (Lock.Keys.All(f => File.Exists(Path.Combine(c, f)))) return Path.GetFullPath(c);
        var looked = modelsDir ?? "models/face-api/" + Version + " above " + Directory.GetCurrentDirectory();
        throw new FileNotFoundException(
            $"face-api {Version} models not found (looked in {looked}). Install them with: {InstallCommand}");
    }

    /// <summary>The manifest path of one model (<see cref="Recognition"/>, …) in the resolved folder.</summary>
    public static string Manifest(string? modelsDir, string model) => Path.Combine(Resolve(modelsDir), $"{model}-weights_manifest.json");

    /// <summary>Files of <paramref name="folder"/> that are missing or differ from the lock (empty = verified).</summary>
    public static List<string> Verify(string folder)
    {
        var problems = new List<string>();
        foreach (var (file, entry) in Lock)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) { problems.Add($"{file}: missing"); continue; }
            var size = new FileInfo(path).Length;
            if (size != entry.Size) { problems.Add($"{file}: {size} bytes, expected {entry.Size}"); continue; }
            var sha = Sha256(path);
            if (sha != entry.Sha256) problems.Add($"{file}: SHA-256 {sha}, expected {entry.Sha256}");
        }
        return problems;
    }

    /// <summary>Lowercase hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Dictionary<string, LockEntry> ReadLock()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FaceNet2ExpNet.FaceApi.face-api-models.lock.json")
                           ?? throw new InvalidOperationException("face-api-models.lock.json is not embedded in the library.");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("files").EnumerateObject().ToDictionary(
            p => p.Name, p => new LockEntry(p.Value.GetProperty("sha256").GetString()!, p.Value.GetProperty("size").GetInt64()));
    }
}
