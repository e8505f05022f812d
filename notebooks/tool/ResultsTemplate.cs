using System.Text.Json;
using System.Text.RegularExpressions;

namespace FaceNet2ExpNet.NotebookTool;

/// <summary>One notebook made from a template: its file name and the values of the template's {{placeholders}}.</summary>
public sealed record TemplateEntry(string File, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// The results notebooks (05–09) come from one template, <c>notebooks/templates/results.dib</c>, and one entry per
/// notebook in <c>results.json</c> beside it: every <c>{{name}}</c> in the template is that entry's value, and
/// <c>{{extra}}</c> the cells of the file the entry names under <c>templates/</c> (nothing when it names none).
/// </summary>
public static partial class ResultsTemplate
{
    /// <summary>The notebooks of <paramref name="templatePath"/>'s entries: (.dib path beside the templates folder, text).</summary>
    /// <exception cref="InvalidDataException">An entry leaves a placeholder unfilled, or results.json is not a list of entries.</exception>
    public static IReadOnlyList<(string Path, string Text)> Generate(string templatePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(templatePath))!;
        var template = File.ReadAllText(templatePath).Replace("\r\n", "\n");
        var entries = Entries(Path.ChangeExtension(templatePath, ".json"));
        return entries.Select(entry =>
        {
            var extra = entry.Values.TryGetValue("extra", out var file) && file != "" ? File.ReadAllText(Path.Combine(folder, file)).Replace("\r\n", "\n").Trim() : "";
            var text = Placeholder().Replace(template, m => m.Groups[1].Value == "extra" ? extra
                : entry.Values.TryGetValue(m.Groups[1].Value, out var v) ? v
                : throw new InvalidDataException($"{templatePath}: {entry.File} has no value for {{{{{m.Groups[1].Value}}}}}."));
            text = Regex.Replace(text, "\n{3,}", "\n\n");
            return (Path.Combine(Path.GetDirectoryName(folder)!, entry.File + ".dib"), text);
        }).ToList();
    }

    private static List<TemplateEntry> Entries(string json)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.EnumerateArray().Select(e => new TemplateEntry(
            e.GetProperty("file").GetString() ?? throw new InvalidDataException($"{json}: an entry without \"file\"."),
            e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""))).ToList();
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
