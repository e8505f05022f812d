using System.Text.RegularExpressions;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>A package a cell asks for with <c>#r "nuget: Name, Version"</c> (version optional).</summary>
public sealed record PackageRequest(string Name, string? Version, int Line);

/// <summary>A cell ready to compile: its C# (directive lines blanked, so line numbers stay the cell's) and its directives.</summary>
public sealed record CellPlan(string Code, IReadOnlyList<PackageRequest> Packages, IReadOnlyList<string> AssemblyPaths);

/// <summary>
/// The kernel's directives in a C# cell: <c>#r "nuget: …"</c>, <c>#r "path.dll"</c> (relative to the notebook's folder),
/// <c>#i "nuget: source"</c> (ignored: the runner restores nothing) and the <c>#!csharp</c> kernel selector. Any other
/// <c>#!</c> magic command fails with a message naming it.
/// </summary>
public static partial class CellDirectives
{
    private static readonly HashSet<string> CSharpSelectors = ["#!csharp", "#!c#", "#!cs"];

    /// <summary>Splits a cell into directives and code; relative DLL paths resolve against <paramref name="folder"/>.</summary>
    public static CellPlan Parse(string source, string folder)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var packages = new List<PackageRequest>();
        var paths = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var word = line.Split([' ', '\t'], 2)[0];
            if (word.StartsWith("#!"))
            {
                if (!CSharpSelectors.Contains(word))
                    throw new CellDirectiveException("UnsupportedMagicCommand", i + 1,
                        $"line {i + 1}: magic command '{word}' is not supported by run-notebook " +
                        "(it runs C# cells; supported directives: #!csharp, #r \"nuget: …\", #r \"file.dll\", #i)");
            }
            else if (word == "#r")
            {
                if (NuGet().Match(line) is { Success: true } nuget)
                {
                    var version = nuget.Groups["version"].Value.Trim();
                    packages.Add(new PackageRequest(nuget.Groups["name"].Value.Trim(), version.Length > 0 ? version : null, i + 1));
                }
                else if (Reference().Match(line) is { Success: true } reference
                         && !reference.Groups["path"].Value.TrimStart().StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var path = Path.GetFullPath(Path.Combine(folder, reference.Groups["path"].Value));
                    if (!File.Exists(path))
                        throw new CellDirectiveException("AssemblyNotFound", i + 1,
                            $"line {i + 1}: {line}: no file at {path} (paths are relative to the notebook's folder; " +
                            "is the library built? dotnet build -c Release)");
                    paths.Add(path);
                }
                else
                    throw new CellDirectiveException("BadDirective", i + 1,
                        $"line {i + 1}: cannot read '{line}'; expected #r \"nuget: Name, Version\" or #r \"path/to.dll\"");
            }
            else if (word != "#i") continue; // ordinary C# (#if, #region, #nullable…)
            // #i "nuget: source": a package source; the runner restores nothing, so it has nothing to do.
            lines[i] = "";
        }
        return new CellPlan(string.Join("\n", lines), packages, paths);
    }

    [GeneratedRegex("""^#r\s+"\s*nuget\s*:\s*(?<name>[^,"]+?)\s*(,(?<version>[^"]*))?"\s*(//.*)?$""")]
    private static partial Regex NuGet();

    [GeneratedRegex("""^#r\s+"(?<path>[^"]+)"\s*(//.*)?$""")]
    private static partial Regex Reference();
}
