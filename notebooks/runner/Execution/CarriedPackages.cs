using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>What a <c>#r "nuget: …"</c> resolves to: assemblies the runner already has loaded (maybe none), and a note.</summary>
public sealed record CarriedPackage(string Name, IReadOnlyList<Assembly> Assemblies, string? Version, string? Note);

/// <summary>
/// The packages the runner carries (it restores nothing): a notebook's <c>#r "nuget: Name, Version"</c> maps to the
/// assemblies referenced by NotebookRunner.csproj. A package it does not carry fails the cell with a message naming
/// the package and listing what it carries. Versions come from the running app's deps.json.
/// </summary>
public static class CarriedPackages
{
    private static readonly string Backend =
        typeof(CarriedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";

    // Package name → (package whose version is reported, assemblies, note). Native-only packages map to no assembly.
    private static readonly Dictionary<string, (string VersionOf, Func<Assembly[]> Assemblies, string? Note)> Table =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["TorchSharp"] = ("TorchSharp", () => [typeof(TorchSharp.torch).Assembly], null),
            ["TorchSharp-cpu"] = ("TorchSharp", () => [typeof(TorchSharp.torch).Assembly], null),
            ["libtorch-cpu"] = ("TorchSharp", () => [], null),
            ["TorchSharp-cuda-linux"] = ("TorchSharp", () => [typeof(TorchSharp.torch).Assembly], null),
            ["TorchSharp-cuda-windows"] = ("TorchSharp", () => [typeof(TorchSharp.torch).Assembly], null),
            ["Plotly.NET"] = ("Plotly.NET", () => [typeof(Plotly.NET.GenericChart).Assembly], null),
            ["Plotly.NET.CSharp"] = ("Plotly.NET.CSharp", () => [typeof(Plotly.NET.CSharp.Chart).Assembly, typeof(Plotly.NET.GenericChart).Assembly], null),
            ["Plotly.NET.Interactive"] = ("Plotly.NET", () => [], null),   // run-notebook's own chart formatter stands in
            ["SkiaSharp"] = ("SkiaSharp", () => [typeof(SkiaSharp.SKBitmap).Assembly], null),
            ["StbImageSharp"] = ("StbImageSharp", () => [typeof(StbImageSharp.ImageResult).Assembly], null),
            ["StbImageWriteSharp"] = ("StbImageWriteSharp", () => [typeof(StbImageWriteSharp.ImageWriter).Assembly], null),
        };

    private static readonly Lazy<Dictionary<string, string>> Versions = new(ReadDepsVersions);

    /// <summary>The package for a request, or a <see cref="CellDirectiveException"/> naming it and what is carried.</summary>
    public static CarriedPackage Resolve(PackageRequest request)
    {
        if (!Table.TryGetValue(request.Name, out var entry))
            throw new CellDirectiveException("PackageNotCarried", request.Line,
                $"line {request.Line}: #r \"nuget: {request.Name}{(request.Version is null ? "" : ", " + request.Version)}\": " +
                $"run-notebook does not carry the package '{request.Name}' (it restores nothing). It carries: {Describe()}. " +
                "To add one, reference it in notebooks/runner/NotebookRunner.csproj and map it in CarriedPackages.cs.");
        if (request.Name.StartsWith("TorchSharp-cuda", StringComparison.OrdinalIgnoreCase) && Backend != "cuda")
            throw new CellDirectiveException("PackageNotCarried", request.Line,
                $"line {request.Line}: '{request.Name}' asks for CUDA, but this run-notebook carries libtorch '{Backend}'; " +
                "build it with: dotnet build -c Release -p:TorchBackend=cuda (see environment.md)");
        var version = Versions.Value.GetValueOrDefault(entry.VersionOf);
        var note = entry.Note;
        if (request.Version is { } asked && version is not null && !asked.Contains('*') && asked != version
            && !request.Name.Equals("Plotly.NET.Interactive", StringComparison.OrdinalIgnoreCase))
            note = $"asks for {request.Name} {asked}; run-notebook carries {entry.VersionOf} {version}";
        return new CarriedPackage(request.Name, Closure(entry.Assemblies()), version, note);
    }

    /// <summary>"TorchSharp 0.107.0 (also as TorchSharp-cpu), Plotly.NET 6.0.0, …" for messages.</summary>
    public static string Describe()
    {
        string V(string package) => Versions.Value.GetValueOrDefault(package) is { } v ? $" {v}" : "";
        return $"TorchSharp{V("TorchSharp")} (also as TorchSharp-cpu; libtorch {Backend}), Plotly.NET{V("Plotly.NET")}, " +
               $"Plotly.NET.CSharp{V("Plotly.NET.CSharp")}, Plotly.NET.Interactive (built-in chart formatter), " +
               $"SkiaSharp{V("SkiaSharp")}, StbImageSharp{V("StbImageSharp")}, StbImageWriteSharp{V("StbImageWriteSharp")}";
    }

    /// <summary>
    /// The assemblies plus the non-framework assemblies they reference, transitively: the compiler needs them when a
    /// notebook touches a member whose signature mentions them (Plotly.NET's API exposes FSharp.Core and DynamicObj).
    /// </summary>
    private static IReadOnlyList<Assembly> Closure(IEnumerable<Assembly> roots)
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var seen = new Dictionary<string, Assembly>();
        var queue = new Queue<Assembly>(roots);
        while (queue.TryDequeue(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly)) continue;
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (seen.ContainsKey(name.Name!)) continue;
                try
                {
                    var referenced = Assembly.Load(name);
                    if (Path.GetDirectoryName(referenced.Location) != runtimeDir && referenced.Location.Length > 0)
                        queue.Enqueue(referenced);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // An optional dependency the runner does not ship: not needed unless the notebook uses it.
                }
            }
        }
        return seen.Values.ToList();
    }

    /// <summary>Package name → version, from the deps.json of the running app ("libraries": {"Name/1.2.3": …}).</summary>
    private static Dictionary<string, string> ReadDepsVersions()
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var files = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files.Where(File.Exists))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(file))?["libraries"] is not JsonObject libraries) continue;
                foreach (var (key, _) in libraries)
                    if (key.Split('/') is [var name, var version]) versions.TryAdd(name, version);
            }
            catch (JsonException) { /* an unreadable deps file only costs us the version numbers */ }
        }
        return versions;
    }
}
