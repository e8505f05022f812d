using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace FaceNet2ExpNet.NotebookTool;

/// <summary>One cell of a notebook as its source defines it: markdown or csharp, and its text.</summary>
public sealed record SourceCell(string Kind, string Text);

/// <summary>
/// A Polyglot .dib source (what VS Code's Polyglot Notebooks saves) to a Jupyter .ipynb, with the .NET Interactive
/// Documents library doing the conversion. The written notebook has the kernel's metadata (kernelspec .net-csharp;
/// language_info with pygments_lexer csharp, file_extension .cs, mimetype text/x-csharp), the Polyglot fields VS Code
/// reads (metadata.polyglot_notebook.kernelInfo, per cell polyglot_notebook.kernelName), and cell ids derived from the
/// cells' text, so re-converting an unchanged source gives the same file.
/// </summary>
public static class DibConverter
{
    /// <summary>The C# kernel (the default), and the other kernels Polyglot knows, so that a cell for one of those is
    /// recognised as a cell (and refused) rather than read as text of the cell above it.</summary>
    public static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "cs"]), new KernelInfo("fsharp", "F#", ["f#", "fs"]),
            new KernelInfo("pwsh", "PowerShell", ["powershell"]), new KernelInfo("javascript", "JavaScript", ["js"]),
            new KernelInfo("html", "HTML", []), new KernelInfo("mermaid", "Mermaid", []), new KernelInfo("sql", "SQL", []),
            new KernelInfo("kql", "KQL", []), new KernelInfo("http", "HTTP", []), new KernelInfo("value", "value", []),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>The cells of a .dib source, in order.</summary>
    /// <exception cref="InvalidDataException">A cell is neither markdown nor C#.</exception>
    public static IReadOnlyList<SourceCell> Cells(string dibText, string name = "source") =>
        Cells(CodeSubmission.Parse(dibText, Kernels()), name);

    /// <summary>The cells of an .ipynb, parsed back with the same library.</summary>
    public static IReadOnlyList<SourceCell> NotebookCells(string ipynbText, string name = "notebook") =>
        Cells(Notebook.Parse(ipynbText, Kernels()), name);

    /// <summary>The .ipynb text for a .dib source (not executed: no outputs, execution counts null).</summary>
    public static string Convert(string dibText, string name = "source")
    {
        var document = CodeSubmission.Parse(dibText, Kernels());
        Cells(document, name);   // refuses other kernels before anything is written
        var root = JsonNode.Parse(Notebook.ToJupyterJson(document, "csharp"))!.AsObject();
        var metadata = root["metadata"]!.AsObject();
        metadata.Remove("kernelInfo");   // the .dib's #!meta block; VS Code keeps it under polyglot_notebook
        metadata["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        };
        var seen = new Dictionary<string, int>();
        foreach (var cell in root["cells"]!.AsArray().Select(c => c!.AsObject()))
        {
            var text = string.Concat(cell["source"]!.AsArray().Select(l => l!.GetValue<string>()));
            var occurrence = seen[text] = seen.GetValueOrDefault(text) + 1;
            cell.Insert(1, "id", CellId(text, occurrence));
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Converts <paramref name="dibPath"/> into <paramref name="outFolder"/> (default: beside it); returns the path written.</summary>
    public static string ConvertFile(string dibPath, string? outFolder = null)
    {
        var name = Path.GetFileNameWithoutExtension(dibPath);
        var target = Path.Combine(outFolder ?? Path.GetDirectoryName(Path.GetFullPath(dibPath))!, name + ".ipynb");
        File.WriteAllText(target, Convert(File.ReadAllText(dibPath), dibPath));
        return target;
    }

    private static IReadOnlyList<SourceCell> Cells(InteractiveDocument document, string name) => document.Elements.Select((e, i) =>
        e.KernelName is "markdown" or "csharp"
            ? new SourceCell(e.KernelName, e.Contents.Replace("\r\n", "\n").TrimEnd('\n'))
            : throw new InvalidDataException($"{name}: cell {i + 1} is for kernel '{e.KernelName}'; these notebooks hold C# and markdown cells only."))
        .ToList();

    private static string CellId(string text, int occurrence) =>
        System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{occurrence}\n{text}")))[..8].ToLowerInvariant();
}
