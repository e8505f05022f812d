using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>
/// Writes .ipynb JSON exactly as VS Code and Jupyter do: keys sorted (ordinal) at every level, one-space indent,
/// non-ASCII kept as is, a trailing newline. Saving a notebook twice, or after VS Code saved it, changes nothing.
/// </summary>
public static class NotebookJsonWriter
{
    /// <summary>The whole document as text (LF line ends, trailing newline).</summary>
    public static string Write(JsonNode? root)
    {
        var text = new StringBuilder();
        WriteNode(text, root, 0);
        return text.Append('\n').ToString();
    }

    private static void WriteNode(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj when obj.Count == 0:
                text.Append("{}");
                break;
            case JsonObject obj:
                text.Append("{\n");
                var keys = obj.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
                for (var i = 0; i < keys.Count; i++)
                {
                    Indent(text, depth + 1);
                    WriteString(text, keys[i]);
                    text.Append(": ");
                    WriteNode(text, obj[keys[i]], depth + 1);
                    text.Append(i < keys.Count - 1 ? ",\n" : "\n");
                }
                Indent(text, depth);
                text.Append('}');
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[]");
                break;
            case JsonArray array:
                text.Append("[\n");
                for (var i = 0; i < array.Count; i++)
                {
                    Indent(text, depth + 1);
                    WriteNode(text, array[i], depth + 1);
                    text.Append(i < array.Count - 1 ? ",\n" : "\n");
                }
                Indent(text, depth);
                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            default:
                // Numbers and literals: their own compact JSON (parsed numbers keep their original spelling).
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void Indent(StringBuilder text, int depth) => text.Append(' ', depth);

    /// <summary>JSON.stringify's escaping: quote, backslash and control characters only; lone surrogates as \udxxx.</summary>
    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20) text.Append($"\\u{(int)c:x4}");
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) text.Append(c).Append(s[++i]);
                    else if (char.IsSurrogate(c)) text.Append($"\\u{(int)c:x4}");
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
