using System.Text.Json.Nodes;
using FaceNet2ExpNet.NotebookTool;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>The committed notebooks: each .ipynb is its .dib (cells), with the kernel's metadata, thin cells, and a
/// "What we see" at the end. (Their execution in the real kernel is ./test.sh's second step.)</summary>
public sealed class CommittedNotebooksTests
{
    private static readonly string Folder = Path.Combine(Repo.Root, "notebooks");

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var dib in Directory.GetFiles(Folder, "*.dib").Order()) data.Add(Path.GetFileNameWithoutExtension(dib));
        return data;
    }

    [Fact]
    public void There_are_the_eleven_notebooks_each_with_its_source()
    {
        string[] Stems(string pattern) => Directory.GetFiles(Folder, pattern).Select(Path.GetFileNameWithoutExtension).Order().ToArray()!;
        Assert.Equal(11, Stems("*.dib").Length);
        Assert.Equal(Stems("*.dib"), Stems("*.ipynb"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_ipynb_has_the_cells_of_its_dib(string name)
    {
        var source = DibConverter.Cells(File.ReadAllText(Path.Combine(Folder, name + ".dib")), name + ".dib");
        var notebook = DibConverter.NotebookCells(File.ReadAllText(Path.Combine(Folder, name + ".ipynb")), name + ".ipynb");
        Assert.Null(SourceMatch.Difference(source, notebook));
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
    public void Setup_is_one_short_cell_and_every_other_cell_one_call(string name)
    {
        var cells = DibConverter.Cells(File.ReadAllText(Path.Combine(Folder, name + ".dib")), name).Where(c => c.Kind == "csharp").ToList();
        var setup = cells[0].Text.Split('\n');
        Assert.True(setup.Length <= 4, $"{name}: the setup cell has {setup.Length} lines");
        Assert.All(setup[..^1], line => Assert.StartsWith("#r \"", line));
        Assert.Matches(@"^var nb = FaceNet2ExpNet\.Notebooks\.Notebook\.\w+\((""[\w-]+"")?\);$", setup[^1]);
        Assert.All(cells.Skip(1), c => Assert.Matches(@"^nb\.\w+\(\)$", c.Text));
        Assert.Equal("nb.WhatWeSee()", cells[^1].Text);
    }

    [Fact]
    public void The_results_notebooks_make_the_same_calls_for_their_own_dataset()
    {
        var expected = new[] { "synthetic-ck", "ck-plus", "oulu-casia", "tfd", "sfew" };
        var results = Directory.GetFiles(Folder, "*-results-*.dib").Order().ToList();
        Assert.Equal(expected.Length, results.Count);
        foreach (var (path, dataset) in results.Zip(expected))
        {
            var code = DibConverter.Cells(File.ReadAllText(path)).Where(c => c.Kind == "csharp").Select(c => c.Text).ToList();
            Assert.EndsWith($"Notebook.Results(\"{dataset}\");", code[0]);
            var calls = code.Skip(1).ToList();
            var extra = dataset switch
            {
                "sfew" => new[] { "nb.WithFer2013()" },
                "synthetic-ck" => ["nb.FaceNetComparison()", "nb.PredictedFaces()", "nb.Predictions()"],   // every face net; the default data's trained model applied to test faces
                _ => [],
            };
            Assert.Equal(["nb.PaperTable()", "nb.Ours()", "nb.AccuracyChart()", "nb.Confusion()", "nb.PerClassAccuracy()", .. extra, "nb.WhatWeSee()"], calls);
        }
    }
}
