using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// Pretrained model files that come from one npm package: where they live (<c>models/&lt;Name&gt;/&lt;Version&gt;/</c> in
/// the repository, git-ignored), where the package's tarball holds them, and which files they must be (a committed lock
/// file embedded in the library: file → SHA-256 and size). <c>data-prep models install</c> puts them in place.
/// </summary>
public sealed class ModelPackage
{
    /// <summary>The command that installs the models (named in every "not installed" message).</summary>
    public const string InstallCommand = "dotnet run --project data-prep -c Release -- models install   (or ./scripts/setup.sh)";

    /// <summary>SHA-256 (lowercase hex) and size of one model file.</summary>
    public sealed record LockEntry(string Sha256, long Size);

    /// <summary>Short name: the folder under models/ and the user cache ("face-api", "human").</summary>
    public string Name { get; }
    /// <summary>The npm package ("@vladmandic/face-api").</summary>
    public string Package { get; }
    public string Version { get; }
    /// <summary>The folder inside the npm tarball that holds the files ("package/model/").</summary>
    public string TarballFolder { get; }
    /// <summary>Files and checksums every install must match; only these are installed.</summary>
    public IReadOnlyDictionary<string, LockEntry> Lock { get; }
    /// <summary>The npm tarball's size in bytes, as the lock records it (for the download message).</summary>
    public long? TarballSize { get; }

    /// <param name="lockResource">Logical name of the embedded lock file (see FaceNet2ExpNet.csproj).</param>
    public ModelPackage(string name, string package, string version, string tarballFolder, string lockResource)
    {
        (Name, Package, Version, TarballFolder) = (name, package, version, tarballFolder);
        (Lock, TarballSize) = ReadLock(lockResource);
    }

    /// <summary>"@vladmandic/face-api@1.7.15".</summary>
    public string Spec => $"{Package}@{Version}";

    /// <summary>The models folder below a repository root: models/&lt;Name&gt;/&lt;Version&gt;.</summary>
    public string FolderUnder(string root) => Path.Combine(root, "models", Name, Version);

    /// <summary>
    /// The models folder: <paramref name="modelsDir"/> if given (a folder holding the model files, or a repository
    /// root / models folder containing &lt;Name&gt;/&lt;Version&gt;), else FN2EN_MODELS, else the nearest
    /// models/&lt;Name&gt;/&lt;Version&gt; above the working directory or the application.
    /// </summary>
    /// <exception cref="FileNotFoundException">No candidate has every locked file; the message names the install command.</exception>
    public string Resolve(string? modelsDir = null)
    {
        var candidates = new List<string>();
        if (modelsDir is not null)
            candidates.AddRange([modelsDir, Path.Combine(modelsDir, Name, Version), FolderUnder(modelsDir)]);
        else
        {
            if (Environment.GetEnvironmentVariable("FN2EN_MODELS") is { Length: > 0 } env)
                candidates.AddRange([env, Path.Combine(env, Name, Version)]);
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    candidates.Add(FolderUnder(dir.FullName));
        }
        foreach (var c in candidates.Distinct())
            if (Lock.Keys.All(f => File.Exists(Path.Combine(c, f)))) return Path.GetFullPath(c);
        var looked = modelsDir ?? $"models/{Name}/{Version} above {Directory.GetCurrentDirectory()}";
        throw new FileNotFoundException($"{Name} {Version} models not found (looked in {looked}). Install them with: {InstallCommand}");
    }

    /// <summary>Files of <paramref name="folder"/> that are missing or differ from the lock (empty = verified).</summary>
    public List<string> Verify(string folder)
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

    private static (Dictionary<string, LockEntry>, long?) ReadLock(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"{resource} is not embedded in the library.");
        using var doc = JsonDocument.Parse(stream);
        var files = doc.RootElement.GetProperty("files").EnumerateObject().ToDictionary(
            p => p.Name, p => new LockEntry(p.Value.GetProperty("sha256").GetString()!, p.Value.GetProperty("size").GetInt64()));
        long? size = doc.RootElement.TryGetProperty("tarball", out var t) && t.TryGetProperty("size", out var s) ? s.GetInt64() : null;
        return (files, size);
    }
}
