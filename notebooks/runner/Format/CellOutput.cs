using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>Jupyter output objects (nbformat 4): stream, display_data, execute_result, error.</summary>
public static class CellOutput
{
    /// <summary>Console text: name is "stdout" or "stderr".</summary>
    public static JsonObject Stream(string name, string text) => new()
    {
        ["name"] = name,
        ["output_type"] = "stream",
        ["text"] = Multiline.ToLines(text),
    };

    /// <summary>A displayed value: one entry per MIME type (text types as line lists, images as base64).</summary>
    public static JsonObject DisplayData(IReadOnlyList<KeyValuePair<string, string>> data) => new()
    {
        ["data"] = Data(data),
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };

    /// <summary>A cell's return value (its trailing expression).</summary>
    public static JsonObject ExecuteResult(IReadOnlyList<KeyValuePair<string, string>> data, int executionCount) => new()
    {
        ["data"] = Data(data),
        ["execution_count"] = executionCount,
        ["metadata"] = new JsonObject(),
        ["output_type"] = "execute_result",
    };

    /// <summary>A failure: exception type (or error kind), message, and the trace lines.</summary>
    public static JsonObject Error(string ename, string evalue, IEnumerable<string> traceback) => new()
    {
        ["ename"] = ename,
        ["evalue"] = evalue,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(traceback.Select(l => (JsonNode)l!).ToArray()),
    };

    private static JsonObject Data(IReadOnlyList<KeyValuePair<string, string>> data)
    {
        var obj = new JsonObject();
        foreach (var (mime, value) in data)
            obj[mime] = mime.StartsWith("text/", StringComparison.Ordinal) ? Multiline.ToLines(value) : value;
        return obj;
    }
}
