using System.Text.Json.Nodes;
using FaceNet2ExpNet.NotebookTool;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>The check run on every executed notebook, on small notebooks shaped like the kernel's output.</summary>
public sealed class OutputCheckTests
{
    private static JsonObject Notebook(params JsonObject[] cells) => new()
    {
        ["cells"] = new JsonArray(cells),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "C#", ["pygments_lexer"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp" } },
        },
        ["nbformat"] = 4,
    };

    private static JsonObject Code(params JsonObject[] outputs) =>
        new() { ["cell_type"] = "code", ["execution_count"] = 1, ["source"] = "Charts.Accuracies(results)", ["outputs"] = new JsonArray(outputs) };

    /// <summary>The first cell of every notebook: kernel-only, its outputs are the kernel's.</summary>
    private static JsonObject Kernel() => new()
    {
        ["cell_type"] = "code", ["execution_count"] = 1, ["source"] = "#!import ../lib/FaceNet2ExpNet.Notebooks/kernel.dib",
        ["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/plain"] = "Loading extensions" } }),
    };

    private static JsonObject Markdown(string text) => new() { ["cell_type"] = "markdown", ["source"] = text };

    private static JsonObject Result(params (string Mime, string Value)[] data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, value) in data) bundle[mime] = value;
        return new JsonObject { ["output_type"] = "execute_result", ["data"] = bundle };
    }

    private static JsonObject Profile => Result(("text/plain", "profile smoke: CI: 32 px crops\nface net vgg16-bn: …"));

    private static readonly (string, string)[] Chart =
        [("text/html", "<div></div><script>var renderPlotly_1 = …</script>"), ("image/png", "iVBORw0KGgo="), ("text/plain", "title\nclass ours")];

    private static JsonObject Good(params JsonObject[] middle) =>
        Notebook([Kernel(), Code(Profile), .. middle, Markdown("## What we see"), Code(Result(("text/plain", "• finding")))]);

    private static IReadOnlyList<string> Check(JsonObject notebook) => OutputCheck.Problems(notebook.ToJsonString());

    [Fact]
    public void A_notebook_with_profile_full_charts_and_findings_passes() =>
        Assert.Empty(Check(Good(Code(Result(Chart)), Code(Result(("image/jpeg", "/9j/"), ("text/plain", "rows: anger"))))));

    [Fact]
    public void An_error_output_fails_with_its_cell_and_message()
    {
        var error = new JsonObject { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = "System.IO.IOException: disk full\n   at …", ["traceback"] = new JsonArray() };
        Assert.Equal(["cell 3: error Error: System.IO.IOException: disk full"], Check(Good(Code(error))));
    }

    [Fact]
    public void A_plotly_chart_without_its_png_or_text_fails()
    {
        Assert.Equal(["cell 3: a Plotly chart without image/png and text/plain in the same output"],
            Check(Good(Code(Result(Chart[0], Chart[2])))));
        Assert.Equal(["cell 3: a Plotly chart without image/png and text/plain in the same output", "cell 3: a picture without a text/plain description"],
            Check(Good(Code(Result(Chart[0], Chart[1])))));
    }

    [Fact]
    public void Metadata_without_the_csharp_lexer_fails()
    {
        var notebook = Good();
        notebook["metadata"]!["language_info"]!["pygments_lexer"] = "polyglot-notebook";
        Assert.Equal(["metadata: language_info.pygments_lexer is not csharp"], Check(notebook));
    }

    [Fact]
    public void Unexecuted_cells_a_missing_profile_and_a_missing_what_we_see_fail()
    {
        var notebook = Notebook(Kernel(), Code(), Markdown("## Results"), Code(Result(("text/plain", "x"))));
        notebook["cells"]![1]!["execution_count"] = null;
        Assert.Equal(
        [
            "cell 2: not executed",
            "cell 2: the settings cell does not show the profile the notebook ran on",
            "the notebook does not end with a \"What we see\" heading followed by one code cell",
        ], Check(notebook));
    }

    [Fact]
    public void The_profile_printed_by_the_kernel_cell_does_not_count_for_the_settings_cell()
    {
        var kernel = Kernel();
        kernel["outputs"]!.AsArray().Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "profile smoke" });
        var notebook = Notebook(kernel, Code(), Markdown("## What we see"), Code(Result(("text/plain", "• finding"))));
        Assert.Equal(["cell 2: the settings cell does not show the profile the notebook ran on"], Check(notebook));
    }
}
