using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>
/// A Jupyter notebook (nbformat 4) as its JSON tree. Reading validates the shape and names the file and position of
/// any problem; saving writes VS Code's layout (<see cref="NotebookJsonWriter"/>), keeping everything it does not touch.
/// </summary>
public sealed class Notebook
{
    /// <summary>The kernel names a C# cell may carry (Polyglot's name and aliases).</summary>
    public static readonly IReadOnlySet<string> CSharpKernelNames =
        new HashSet<string>(["csharp", "c#", "cs"], StringComparer.OrdinalIgnoreCase);

    private Notebook(JsonObject root, string name)
    {
        Root = root;
        Name = name;
        Cells = ((JsonArray)root["cells"]!).Select((c, i) => new NotebookCell((JsonObject)c!, i)).ToList();
    }

    /// <summary>The whole JSON document.</summary>
    public JsonObject Root { get; }

    /// <summary>The file name (or label) used in messages.</summary>
    public string Name { get; }

    /// <summary>All cells in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The code cells in order.</summary>
    public IReadOnlyList<NotebookCell> CodeCells => Cells.Where(c => c.IsCode).ToList();

    /// <summary>metadata.polyglot_notebook.kernelInfo.defaultKernelName, else "csharp" (the .net-csharp kernelspec's).</summary>
    public string DefaultKernel =>
        Root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? "csharp";

    /// <summary>Reads and validates a notebook file.</summary>
    public static Notebook Load(string path)
    {
        if (!File.Exists(path)) throw new NotebookFormatException($"{path}: file not found");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses notebook JSON; <paramref name="name"/> labels error messages.</summary>
    public static Notebook Parse(string json, string name)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split([" Path:", " LineNumber:"], StringSplitOptions.None)[0].TrimEnd('.', ' ');
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}"
                : DuplicateKeyPosition(json) is var (l, c) ? $" at line {l}, column {c}" : "";
            throw new NotebookFormatException($"{name}: not valid JSON{where}: {reason}");
        }
        if (root is not JsonObject obj) throw new NotebookFormatException($"{name}: the top level is not a JSON object");
        CheckShape(obj, name);
        return new Notebook(obj, name);
    }

    /// <summary>Line and column (from 1) of the first repeated key in an object (JsonException gives none for it).</summary>
    private static (int Line, int Column)? DuplicateKeyPosition(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var keys = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartObject) keys.Push([]);
                else if (reader.TokenType == JsonTokenType.EndObject) keys.Pop();
                else if (reader.TokenType == JsonTokenType.PropertyName && !keys.Peek().Add(reader.GetString()!))
                {
                    var before = System.Text.Encoding.UTF8.GetString(bytes, 0, (int)reader.TokenStartIndex);
                    var lineStart = before.LastIndexOf('\n') + 1;
                    return (before.Count(ch => ch == '\n') + 1, before.Length - lineStart + 1);
                }
            }
        }
        catch (JsonException) { }
        return null;
    }

    private static void CheckShape(JsonObject root, string name)
    {
        var major = root["nbformat"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        if (major != 4)
            throw new NotebookFormatException($"{name}: nbformat is {root["nbformat"]?.ToJsonString() ?? "missing"}; expected 4");
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{name}: no \"cells\" array");
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
                throw new NotebookFormatException($"{name}: cell {i + 1} is not an object with a \"cell_type\"");
            if (cell["source"] is not (JsonArray or JsonValue or null))
                throw new NotebookFormatException($"{name}: cell {i + 1}: \"source\" is neither a string nor a list of strings");
        }
    }

    /// <summary>
    /// Fails unless this is a .NET (C#) Polyglot notebook: kernelspec ".net-csharp" (or Polyglot metadata whose default
    /// kernel is C#). A Python or F# notebook gets a message naming its kernel.
    /// </summary>
    public void EnsureCSharpPolyglot()
    {
        var kernelspec = Root["metadata"]?["kernelspec"];
        var specName = kernelspec?["name"]?.GetValue<string>();
        var polyglotDefault = Root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>();
        if (specName is not null && specName != ".net-csharp")
        {
            var display = kernelspec?["display_name"]?.GetValue<string>();
            throw new NotebookFormatException(
                $"{Name}: kernel is '{specName}'{(display is null ? "" : $" ({display})")}; run-notebook executes .NET (C#) " +
                "Polyglot notebooks (kernelspec '.net-csharp')");
        }
        if (specName is null && polyglotDefault is null)
            throw new NotebookFormatException(
                $"{Name}: no kernelspec and no polyglot_notebook metadata; expected a .NET (C#) Polyglot notebook " +
                "(kernelspec '.net-csharp')");
        if (!CSharpKernelNames.Contains(DefaultKernel))
            throw new NotebookFormatException(
                $"{Name}: default Polyglot kernel is '{DefaultKernel}'; run-notebook executes C# notebooks only");
    }

    /// <summary>The document as VS Code would save it (sources as line lists, ids from nbformat 4.5, sorted keys).</summary>
    public string ToJson()
    {
        foreach (var cell in Cells)
            cell.Json["source"] = Multiline.ToLines(cell.Source);
        var minor = Root["nbformat_minor"] is JsonValue v && v.TryGetValue<int>(out var m) ? m : 0;
        if (minor >= 5) CellIds.Assign((JsonArray)Root["cells"]!);
        return NotebookJsonWriter.Write(Root);
    }

    /// <summary>Writes the notebook to <paramref name="path"/> (UTF-8, no BOM), creating the folder if needed.</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToJson());
    }
}
