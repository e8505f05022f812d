using System.Text.Json.Nodes;
using FaceNet2ExpNet.NotebookTool;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>
/// The committed notebooks: each .ipynb is its .dib (cells) with the kernel's metadata, each .cs twin is what its .dib
/// makes, the results notebooks are what their template makes, and the cells walk through the method (the library's
/// own calls in the paper's order — no page object), ending with "What we see". (Their execution, in the real kernel
/// and as twins, is ./test.sh's; NotebookOverrideTests executes one twin here.)
/// </summary>
public sealed class CommittedNotebooksTests
{
    private static readonly string Folder = Path.Combine(Repo.Root, "notebooks");

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var dib in Directory.GetFiles(Folder, "*.dib").Order()) data.Add(Path.GetFileNameWithoutExtension(dib));
        return data;
    }

    private static List<SourceCell> Cells(string name) => [.. DibConverter.Cells(File.ReadAllText(Path.Combine(Folder, name + ".dib")), name)];

    private static List<string> Code(string name) => Cells(name).Where(c => c.Kind == "csharp").Select(c => c.Text).ToList();

    [Fact]
    public void There_are_the_eleven_notebooks_each_with_its_source_and_its_twin()
    {
        string[] Stems(string pattern) => Directory.GetFiles(Folder, pattern).Select(Path.GetFileNameWithoutExtension).Order().ToArray()!;
        Assert.Equal(11, Stems("*.dib").Length);
        Assert.Equal(Stems("*.dib"), Stems("*.ipynb"));
        Assert.Equal(Stems("*.dib"), Stems("*.cs"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_ipynb_has_the_cells_of_its_dib(string name)
    {
        var notebook = DibConverter.NotebookCells(File.ReadAllText(Path.Combine(Folder, name + ".ipynb")), name + ".ipynb");
        Assert.Null(SourceMatch.Difference(Cells(name), notebook));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_twin_is_what_its_dib_makes(string name)
    {
        var dib = Path.Combine(Folder, name + ".dib");
        var twin = File.ReadAllText(TwinGenerator.TwinPath(dib)).Replace("\r\n", "\n");
        Assert.True(twin == TwinGenerator.ForFile(dib), $"notebooks/{name}.cs is not the twin of {name}.dib: run fn2en-notebooks twin notebooks/{name}.dib");
    }

    [Fact]
    public void The_results_notebooks_are_what_their_template_makes()
    {
        var generated = ResultsTemplate.Generate(Path.Combine(Folder, "templates", "results.dib"));
        Assert.Equal(["05-results-synthetic", "06-results-ck-plus", "07-results-oulu-casia", "08-results-tfd", "09-results-sfew"],
            generated.Select(g => Path.GetFileNameWithoutExtension(g.Path)));
        foreach (var (path, text) in generated)
            Assert.True(File.ReadAllText(path).Replace("\r\n", "\n") == text,
                $"{Path.GetFileName(path)} is not what templates/results.dib makes: run fn2en-notebooks generate notebooks/templates/results.dib");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_ipynb_has_the_kernels_metadata(string name)
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".ipynb")))!["metadata"]!;
        Assert.Equal(".net-csharp", metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["language_info"]!["pygments_lexer"]!.GetValue<string>());
        Assert.Equal(".cs", metadata["language_info"]!["file_extension"]!.GetValue<string>());
        Assert.Equal("text/x-csharp", metadata["language_info"]!["mimetype"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_kernel_cell_then_a_settings_cell_the_reader_edits_then_the_method(string name)
    {
        var code = Code(name);
        Assert.Equal("#!import ../lib/FaceNet2ExpNet.Notebooks/kernel.dib", code[0]);
        var settings = code[1];
        Assert.Contains("ExperimentSettings.For(", settings);
        Assert.Contains("profile: Env.Or(\"PROFILE\", \"quick\")", settings);
        Assert.Contains("faceNet: Env.Or(\"FACE_NET\", null)", settings);
        Assert.Matches(@"// settings = settings\.Set\(""[\w.]+"", [^)]+\);", settings);
        Assert.Matches(@"Header\.(Of|NotPrepared)\(", settings);
        // No page object: the story is in the cells — no "nb." calls, no other door into the kernel library.
        Assert.All(code, c => Assert.DoesNotMatch(@"\bnb\.\w+\(", c));
        Assert.All(code.Skip(1), c => Assert.DoesNotContain("FaceNet2ExpNet.Notebooks", c));
        Assert.True(code.Skip(1).Count(c => c.Split('\n').Length > 1) >= 2, $"{name}: fewer than two code cells of more than one line");
        Assert.StartsWith("WhatWeSee.", code[^1]);
        Assert.Contains("## What we see", Cells(name).Last(c => c.Kind == "markdown").Text);
    }

    [Fact]
    public void Notebook_03_trains_stage_1_with_eq_4_in_its_own_cells()
    {
        var code = string.Join("\n", Code("03-stage1"));
        Assert.Contains("new FeatureRegressionLoss(p: ", code);
        Assert.Matches(@"eq4\.Compute\(expNet\.Features\(batch\.Images\), target\)", code);
        Assert.Contains("TeacherLayer.Of(teacher, batch.Images, ", code);
        Assert.Contains("Stages.Stage1(expNet, teacher, few, trainer, ", code);
        Assert.Contains("experiment.Ensure(Methods.Stage1, k)", code);
        Assert.Contains("experiment.FoldData(0)", code);
        Assert.Contains("experiment.LoadFineTuned(0)", code);
    }

    [Fact]
    public void Notebook_04_trains_stage_2_with_eq_5_in_its_own_cells()
    {
        var code = string.Join("\n", Code("04-stage2"));
        Assert.Contains("ClassificationLoss.Compute(expNet.forward(batch.Images), batch.Labels)", code);
        Assert.Contains("Stages.Stage2(expNet, few, trainer, ", code);
        Assert.Contains("experiment.RunAll()", code);
        Assert.Contains("experiment.LoadExpNet(stage1)", code);
    }

    [Fact]
    public void Every_equation_the_method_notebooks_compute_is_written_beside_its_call()
    {
        var stage1 = Cells("03-stage1");
        var stage2 = Cells("04-stage2");
        Assert.Contains(stage1, c => c.Kind == "markdown" && c.Text.Contains(@"\|g_{\theta_1}(I) - G(I)\|_p^p \qquad (4)"));
        Assert.Contains(stage2, c => c.Kind == "markdown" && c.Text.Contains(@"y_{i,j} \log \hat{y}_{i,j} \qquad (5)"));
    }
}
