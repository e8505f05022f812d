using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>One cell of a notebook: a view over its JSON object, so fields the runner does not know survive a save.</summary>
public sealed class NotebookCell(JsonObject json, int index)
{
    /// <summary>The cell's JSON object (markdown cells and unknown metadata are written back untouched).</summary>
    public JsonObject Json { get; } = json;

    /// <summary>Position among all cells, from 0.</summary>
    public int Index { get; } = index;

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell's text.</summary>
    public string Source => Multiline.Join(Json["source"]);

    /// <summary>
    /// The kernel that runs this cell: polyglot_notebook.kernelName, else dotnet_interactive.language, else the
    /// notebook's default kernel (how Polyglot Notebooks decides).
    /// </summary>
    public string KernelName(string defaultKernel) =>
        Json["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Json["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? defaultKernel;

    /// <summary>Replaces the outputs and execution count (null count and no outputs = not run).</summary>
    public void SetResult(int? executionCount, IEnumerable<JsonObject> outputs)
    {
        Json["execution_count"] = executionCount;
        Json["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray());
    }

    /// <summary>The current outputs (empty when none).</summary>
    public IReadOnlyList<JsonObject> Outputs =>
        Json["outputs"] is JsonArray outputs ? outputs.OfType<JsonObject>().ToList() : [];

    /// <summary>The execution count, or null when the cell has not run.</summary>
    public int? ExecutionCount => Json["execution_count"]?.GetValue<int>();
}
