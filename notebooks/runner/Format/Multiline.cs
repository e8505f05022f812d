using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>Jupyter's "multiline string": text stored as an array of lines, each but the last ending in "\n".</summary>
public static class Multiline
{
    /// <summary>Splits text the way VS Code's serializer does (CRLF → LF, no empty last entry).</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        var parts = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < parts.Length; i++)
        {
            var line = i < parts.Length - 1 ? parts[i] + "\n" : parts[i];
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }

    /// <summary>The text of a string or an array of strings (null → empty).</summary>
    public static string Join(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Concat(array.Select(n => n?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };
}
