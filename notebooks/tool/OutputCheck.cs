using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.NotebookTool;

/// <summary>
/// What an executed notebook must show, checked on its .ipynb: the C# kernel's metadata (pygments_lexer csharp), every
/// code cell run without an error output, every interactive Plotly chart accompanied by image/png and text/plain in the
/// same output, every picture by text/plain, the profile shown by the settings cell (the first code cell after the
/// kernel's setup), and a "What we see" at the end.
/// </summary>
public static class OutputCheck
{
    /// <summary>Problems found, one line each ("cell 4: error System.IO.IOException: …"); empty when the notebook passes.</summary>
    public static IReadOnlyList<string> Problems(string ipynbText)
    {
        var problems = new List<string>();
        JsonObject root;
        try { root = JsonNode.Parse(ipynbText)!.AsObject(); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return [$"not a notebook: {e.Message}"];
        }
        var metadata = root["metadata"]?.AsObject();
        if (metadata?["kernelspec"]?["name"]?.GetValue<string>() != ".net-csharp") problems.Add("metadata: kernelspec is not .net-csharp");
        if (metadata?["language_info"]?["pygments_lexer"]?.GetValue<string>() != "csharp") problems.Add("metadata: language_info.pygments_lexer is not csharp");
        if (metadata?["polyglot_notebook"]?["kernelInfo"] is null) problems.Add("metadata: polyglot_notebook.kernelInfo (read by VS Code) is missing");

        var cells = root["cells"]?.AsArray().Select(c => c!.AsObject()).ToList() ?? [];
        var code = cells.Select((c, i) => (Cell: c, Number: i + 1)).Where(c => Kind(c.Cell) == "code").ToList();
        foreach (var (cell, number) in code)
        {
            if (cell["execution_count"] is null) problems.Add($"cell {number}: not executed");
            foreach (var output in Outputs(cell))
            {
                var type = output["output_type"]?.GetValue<string>();
                if (type == "error")
                    problems.Add($"cell {number}: error {output["ename"]?.GetValue<string>()}: {FirstLine(output["evalue"]?.GetValue<string>())}");
                if (output["data"] is not JsonObject data) continue;
                var html = Text(data["text/html"]);
                if (html.Contains("renderPlotly") && (data["image/png"] is null || data["text/plain"] is null))
                    problems.Add($"cell {number}: a Plotly chart without image/png and text/plain in the same output");
                if ((data["image/png"] is not null || data["image/jpeg"] is not null) && data["text/plain"] is null)
                    problems.Add($"cell {number}: a picture without a text/plain description");
            }
        }
        // The settings cell — the first code cell that is not kernel-only (#r / #! lines) — shows the profile the runs used.
        var settings = code.FirstOrDefault(c => !KernelOnly(Text(c.Cell["source"])));
        if (settings.Cell is null)
            problems.Add("no code cell besides the kernel's setup");
        else if (!Outputs(settings.Cell).Any(o => Text(o["text"]).Contains("profile ") || Text(o["data"]?["text/plain"]).Contains("profile ")))
            problems.Add($"cell {settings.Number}: the settings cell does not show the profile the notebook ran on");
        var lastMarkdown = cells.LastOrDefault(c => Kind(c) == "markdown");
        var afterIt = lastMarkdown is null ? [] : cells.SkipWhile(c => c != lastMarkdown).Skip(1).ToList();
        if (lastMarkdown is null || !Text(lastMarkdown["source"]).Contains("What we see") || afterIt.Count != 1 || Kind(afterIt[0]) != "code")
            problems.Add("the notebook does not end with a \"What we see\" heading followed by one code cell");
        return problems;
    }

    /// <summary>Only #r / #! lines (what the twin leaves out): the kernel's setup.</summary>
    public static bool KernelOnly(string source) =>
        source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).All(l => l.StartsWith("#r ") || l.StartsWith("#!"));

    private static string? Kind(JsonObject cell) => cell["cell_type"]?.GetValue<string>();

    private static IEnumerable<JsonObject> Outputs(JsonObject cell) =>
        cell["outputs"]?.AsArray().Select(o => o!.AsObject()) ?? [];

    /// <summary>Jupyter stores text either as one string or as a list of lines.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        _ => node.GetValue<string>(),
    };

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();
}
