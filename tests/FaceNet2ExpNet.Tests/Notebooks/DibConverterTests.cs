using System.Text.Json.Nodes;
using FaceNet2ExpNet.NotebookTool;

namespace FaceNet2ExpNet.Tests.Notebooks;

public sealed class DibConverterTests
{
    private const string Source = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

        #!markdown

        # Title

        Text.

        #!csharp

        var x = 1;
        x + 1

        #!csharp

        x
        """;

    [Fact]
    public void Converts_cells_in_order_with_the_kernel_and_polyglot_metadata()
    {
        var root = JsonNode.Parse(DibConverter.Convert(Source))!;
        var cells = root["cells"]!.AsArray();
        Assert.Equal(["markdown", "code", "code"], cells.Select(c => c!["cell_type"]!.GetValue<string>()));
        Assert.Equal("var x = 1;\nx + 1", string.Concat(cells[1]!["source"]!.AsArray().Select(l => l!.GetValue<string>())));
        Assert.Equal("csharp", cells[1]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.All(cells.Skip(1), c => Assert.Empty(c!["outputs"]!.AsArray()));
        var metadata = root["metadata"]!;
        Assert.Equal(".net-csharp", metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["language_info"]!["pygments_lexer"]!.GetValue<string>());
        Assert.Equal(".cs", metadata["language_info"]!["file_extension"]!.GetValue<string>());
        Assert.Equal("text/x-csharp", metadata["language_info"]!["mimetype"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal(4, root["nbformat"]!.GetValue<int>());
    }

    [Fact]
    public void Cell_ids_come_from_the_text_so_reconverting_gives_the_same_file()
    {
        var a = DibConverter.Convert(Source);
        Assert.Equal(a, DibConverter.Convert(Source));
        var ids = JsonNode.Parse(a)!["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}$", id));
        // Changing one cell keeps the other cells' ids.
        var changed = JsonNode.Parse(DibConverter.Convert(Source.Replace("Text.", "Other text.")))!["cells"]!.AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.NotEqual(ids[0], changed[0]);
        Assert.Equal(ids[1..], changed[1..]);
    }

    [Fact]
    public void The_notebook_parses_back_to_the_sources_cells()
    {
        Assert.Null(SourceMatch.Difference(DibConverter.Cells(Source), DibConverter.NotebookCells(DibConverter.Convert(Source))));
        var edited = DibConverter.Cells(Source.Replace("x + 1", "x + 2"));
        Assert.Equal("cell 2 differs: .dib \"var x = 1;⏎x + 2\", .ipynb \"var x = 1;⏎x + 1\"",
            SourceMatch.Difference(edited, DibConverter.NotebookCells(DibConverter.Convert(Source))));
    }

    [Fact]
    public void A_cell_for_another_kernel_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => DibConverter.Convert(Source + "\n\n#!fsharp\n\nlet y = 2\n", "x.dib"));
        Assert.Equal("x.dib: cell 4 is for kernel 'fsharp'; these notebooks hold C# and markdown cells only.", error.Message);
    }
}
