using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>
/// Converts Polyglot's plain-text notebook format (.dib) to .ipynb: cells start at a line "#!markdown" or "#!csharp"
/// (also "#!c#", "#!cs"); an optional "#!meta" block holds kernel info. Lets notebooks be written as readable text.
/// </summary>
public static class DibConverter
{
    private static readonly HashSet<string> MarkdownMarkers = ["#!markdown", "#!md"];
    private static readonly HashSet<string> CSharpMarkers = ["#!csharp", "#!c#", "#!cs"];
    private static readonly HashSet<string> OtherKernelMarkers =
        ["#!fsharp", "#!f#", "#!fs", "#!pwsh", "#!powershell", "#!javascript", "#!js", "#!html", "#!sql", "#!kql",
         "#!mermaid", "#!value", "#!http", "#!python", "#!r"];

    /// <summary>Builds the notebook from .dib text; <paramref name="name"/> labels error messages.</summary>
    public static NotebookBuilder Convert(string dib, string name)
    {
        var builder = new NotebookBuilder();
        string? kind = null;
        var body = new List<string>();
        var lines = dib.Replace("\r\n", "\n").Split('\n');

        void Flush()
        {
            var text = string.Join("\n", body).Trim('\n');
            if (kind == "markdown" && text.Trim().Length > 0) builder.Markdown(text);
            else if (kind == "csharp" && text.Trim().Length > 0) builder.Code(text);
            else if (kind == "meta" && text.Trim().Length > 0) CheckMeta(text, name);
            body.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            string? next = MarkdownMarkers.Contains(line) ? "markdown"
                : CSharpMarkers.Contains(line) ? "csharp"
                : line == "#!meta" ? "meta"
                : null;
            if (OtherKernelMarkers.Contains(line))
                throw new NotebookFormatException(
                    $"{name} line {i + 1}: '{line}' starts a cell for another kernel; only C# and markdown cells are converted");
            if (next is not null)
            {
                Flush();
                kind = next;
                continue;
            }
            if (kind is null)
            {
                if (line.Length == 0) continue;
                // Polyglot treats text before the first marker as a cell of the default kernel (C#).
                kind = "csharp";
            }
            body.Add(lines[i]);
        }
        Flush();
        return builder;
    }

    /// <summary>Converts a .dib file to the .ipynb at <paramref name="target"/>.</summary>
    public static void ConvertFile(string dibPath, string target)
    {
        if (!File.Exists(dibPath)) throw new NotebookFormatException($"{dibPath}: file not found");
        Convert(File.ReadAllText(dibPath), dibPath).Save(target);
    }

    private static void CheckMeta(string json, string name)
    {
        var defaultKernel = "csharp";
        try { defaultKernel = JsonNode.Parse(json)?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? "csharp"; }
        catch (System.Text.Json.JsonException e)
        {
            throw new NotebookFormatException($"{name}: the #!meta block is not valid JSON: {e.Message}");
        }
        if (!Notebook.CSharpKernelNames.Contains(defaultKernel))
            throw new NotebookFormatException($"{name}: default kernel is '{defaultKernel}'; only C# notebooks are converted");
    }
}
