using FaceNet2ExpNet.Notebooks.Execution;
using static FaceNet2ExpNet.Tests.Notebooks.RunnerHarness;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>#r "nuget: …" against the carried packages, #r "file.dll", #!csharp, and clear errors for the rest.</summary>
[Collection(NotebookRunnerCollection.Name)]
public class DirectiveTests
{
    [Fact]
    public void Parse_BlanksDirectiveLines_SoLineNumbersStayTheCells()
    {
        var plan = CellDirectives.Parse(
            "#!csharp\n#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget:Plotly.NET\"\n#i \"nuget: https://example/feed\"\n" +
            "#region setup\nvar x = 1;\n#endregion", Path.GetTempPath());
        Assert.Equal("\n\n\n\n#region setup\nvar x = 1;\n#endregion", plan.Code);
        Assert.Equal([new PackageRequest("TorchSharp-cpu", "0.107.0", 2), new PackageRequest("Plotly.NET", null, 3)], plan.Packages);
        Assert.Empty(plan.AssemblyPaths);
    }

    [Fact]
    public void Parse_ResolvesDllPathsAgainstTheNotebookFolder()
    {
        using var h = new RunnerHarness();
        Directory.CreateDirectory(h.Dir["lib"]);
        File.WriteAllBytes(h.Dir["lib/Some.dll"], [0]);
        Directory.CreateDirectory(h.Dir["notebooks"]);
        var plan = CellDirectives.Parse("#r \"../lib/Some.dll\"", h.Dir["notebooks"]);
        Assert.Equal([Path.GetFullPath(h.Dir["lib/Some.dll"])], plan.AssemblyPaths);
    }

    [Fact]
    public void UnknownPackage_FailsTheCell_NamingItAndListingWhatIsCarried()
    {
        using var h = new RunnerHarness();
        var (exit, stdout, nb) = h.RunCells("var before = 1;", "#r \"nuget: No.Such.Package, 1.2.3\"\nusing NoSuch;", "before");
        Assert.Equal(1, exit);
        var error = Assert.Single(Outputs(nb, 2));
        Assert.Equal("PackageNotCarried", error["ename"]!.GetValue<string>());
        var message = error["evalue"]!.GetValue<string>();
        Assert.Contains("#r \"nuget: No.Such.Package, 1.2.3\": run-notebook does not carry the package 'No.Such.Package'", message);
        Assert.Contains("TorchSharp 0.107.0 (also as TorchSharp-cpu", message);
        Assert.Contains("Plotly.NET 6.0.0", message);
        Assert.Null(nb.CodeCells[2].ExecutionCount);
        Assert.Contains("cell 2: PackageNotCarried", stdout);
    }

    [Fact]
    public void PackagesWithoutTheirDirective_AreNotVisible_AsInTheKernel()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells("using TorchSharp;");
        Assert.Equal(1, exit);
        Assert.Contains("error CS0246: The type or namespace name 'TorchSharp' could not be found",
                        Assert.Single(Outputs(nb, 1))["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void MissingDll_FailsWithTheResolvedPath()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells("#r \"../lib/Missing.dll\"");
        Assert.Equal(1, exit);
        var error = Assert.Single(Outputs(nb, 1));
        Assert.Equal("AssemblyNotFound", error["ename"]!.GetValue<string>());
        Assert.Contains($"no file at {Path.GetFullPath(Path.Combine(h.Dir.Path, "../lib/Missing.dll"))}",
                        error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void UnknownMagicCommand_FailsWithItsName_WhileCSharpSelectorIsAccepted()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells("#!csharp\n1 + 1", "#!time\nvar slow = 1;");
        Assert.Equal(1, exit);
        Assert.Equal("2", MimeText(Outputs(nb, 1)[0], "text/plain"));
        var error = Assert.Single(Outputs(nb, 2));
        Assert.Equal("UnsupportedMagicCommand", error["ename"]!.GetValue<string>());
        Assert.Contains("magic command '#!time' is not supported", error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void FrameworkIsVisible_WithTheKernelsDefaultImports()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "var list = new List<int> { 1, 2, 3 };\nvar sb = new StringBuilder(\"n=\");\n" +
            "sb.Append(list.Sum()).Append(' ').Append(System.Text.Json.JsonSerializer.Serialize(new { A = 1 })).ToString()",
            "File.Exists(\"x\")");
        Assert.Equal(1, exit);
        Assert.Equal("n=6 {\"A\":1}", MimeText(Outputs(nb, 1)[0], "text/plain"));
        // System.IO is not among the kernel's default imports: a notebook needs `using System.IO;` there too.
        Assert.Contains("error CS0103: The name 'File' does not exist", Assert.Single(Outputs(nb, 2))["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void OtherVersionOfACarriedPackage_RunsWithANote()
    {
        using var h = new RunnerHarness();
        var (exit, stdout, _) = h.RunCells("#r \"nuget: Plotly.NET, 5.0.0\"\n1");
        Assert.Equal(0, exit);
        Assert.Contains("note: asks for Plotly.NET 5.0.0; run-notebook carries Plotly.NET 6.0.0", stdout);
    }
}
