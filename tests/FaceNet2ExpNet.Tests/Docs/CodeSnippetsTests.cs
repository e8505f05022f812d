using System.Text.RegularExpressions;
using FaceNet2ExpNet.NotebookTool;
using FaceNet2ExpNet.Tests.Fixtures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FaceNet2ExpNet.Tests.Docs;

/// <summary>
/// Every ```csharp block of README.md and docs/*.md compiles against the library: each is made into a program the way a
/// notebook cell becomes its twin (<see cref="TwinGenerator"/>: kernel-only lines out, usings on top, a trailing
/// expression displayed) and compiled with Roslyn against the assemblies the tests run with. A block that is only an
/// illustration is not fenced as csharp.
/// </summary>
public sealed partial class CodeSnippetsTests
{
    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, _) in All()) data.Add(file, index);
        return data;
    }

    private static IEnumerable<(string File, int Index, string Code)> All()
    {
        var files = new[] { Path.Combine(Repo.Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Order());
        foreach (var file in files)
        {
            var index = 0;
            foreach (Match m in Fence().Matches(File.ReadAllText(file).Replace("\r\n", "\n")))
                yield return (Path.GetRelativePath(Repo.Root, file), ++index, m.Groups["code"].Value);
        }
    }

    [Fact]
    public void The_docs_show_csharp()
    {
        Assert.Contains(All(), s => s.File == Path.Combine("docs", "notebooks.md"));
        Assert.True(All().Count() >= 5);
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void The_snippet_compiles_against_the_library(string file, int index)
    {
        var code = All().Single(s => s.File == file && s.Index == index).Code;
        var dib = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n#!csharp\n\n" + code;
        var program = string.Join("\n", TwinGenerator.Generate(dib, "snippet", "unused.csproj").Split('\n').Where(l => !l.StartsWith("#:")));
        var errors = Compile(program);
        Assert.True(errors.Count == 0, $"{file}, csharp block {index} does not compile:\n{string.Join("\n", errors)}\n\n{program}");
    }

    public static TheoryData<string> AnalysisScripts() =>
        new(Directory.GetFiles(Path.Combine(Repo.Root, "scripts", "analysis"), "*.cs").Order().Select(f => Path.GetRelativePath(Repo.Root, f)));

    /// <summary>The file-based apps docs/cpu-profile.md runs (<c>dotnet run scripts/analysis/les.cs</c>) compile against the library.</summary>
    [Theory]
    [MemberData(nameof(AnalysisScripts))]
    public void The_analysis_script_compiles_against_the_library(string file)
    {
        var program = string.Join("\n", File.ReadAllLines(Path.Combine(Repo.Root, file)).Where(l => !l.StartsWith("#:")));
        var errors = Compile(program);
        Assert.True(errors.Count == 0, $"{file} does not compile:\n{string.Join("\n", errors)}");
    }

    private static List<string> Compile(string program)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = new[] { CSharpSyntaxTree.ParseText(program, parse), CSharpSyntaxTree.ParseText(ImplicitUsings, parse) };
        var compilation = CSharpCompilation.Create("program", trees, References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
    }

    private const string ImplicitUsings = "global using System; global using System.IO; global using System.Linq; global using System.Collections.Generic; " +
                                          "global using System.Threading; global using System.Threading.Tasks;";

    /// <summary>The runtime's assemblies and every assembly beside the tests (the library and its dependencies).</summary>
    private static readonly Lazy<List<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .GroupBy(Path.GetFileName).Select(g => g.First())
            .Where(IsManaged).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList());

    private static bool IsManaged(string path)
    {
        try { System.Reflection.AssemblyName.GetAssemblyName(path); return true; }
        catch (BadImageFormatException) { return false; }
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
