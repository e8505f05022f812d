using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace FaceNet2ExpNet.Notebooks.Display;

/// <summary>
/// A sequence as a table (text/html and aligned text/plain): one row per item, one column per public property or
/// field (records, anonymous types, tuples), or "index | value" for plain values. Shows up to
/// Formatter.ListExpansionLimit rows, then "… (n more)", as the kernel does.
/// </summary>
public static class TableFormatter
{
    /// <summary>The two representations of a sequence.</summary>
    public static MimeBundle Format(IEnumerable sequence)
    {
        var limit = Math.Max(0, Formatter.ListExpansionLimit);
        var items = new List<object?>();
        var more = 0;
        foreach (var item in sequence)
        {
            if (items.Count < limit) items.Add(item);
            else more++;
        }

        var members = Members(items);
        var header = members is null ? ["index", "value"] : members.Select(m => m.Name).ToList();
        var rows = items.Select((item, i) => members is null
            ? [i.ToString(), Cell(item)]
            : members.Select(m => Cell(Read(m, item))).ToList()).ToList();
        return new MimeBundle([new("text/html", Html(header, rows, more)), new("text/plain", Plain(header, rows, more))]);
    }

    /// <summary>Columns for the items' public properties and fields; null when the items are plain values.</summary>
    private static List<MemberInfo>? Members(List<object?> items)
    {
        var types = items.Where(i => i is not null).Select(i => i!.GetType()).Distinct().ToList();
        if (types.Count == 0 || types.All(IsScalar)) return null;
        var members = new List<MemberInfo>();
        foreach (var type in types)
        {
            var own = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).Cast<MemberInfo>()
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance));
            foreach (var m in own)
                if (members.All(x => x.Name != m.Name)) members.Add(m);
        }
        return members.Count > 0 ? members : null;
    }

    private static bool IsScalar(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
        || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid);

    private static object? Read(MemberInfo member, object? item)
    {
        if (item is null) return null;
        // Items of different types share a column by name; read each item's own member.
        var own = item.GetType().GetMember(member.Name, BindingFlags.Public | BindingFlags.Instance).FirstOrDefault();
        return own switch
        {
            PropertyInfo p when p.GetIndexParameters().Length == 0 => p.GetValue(item),
            FieldInfo f => f.GetValue(item),
            _ => null,
        };
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Take(11)
            .Select((v, i) => i < 10 ? DisplayFormatter.PlainText(v) : "…")) + "]",
        _ => DisplayFormatter.PlainText(value),
    };

    private static string Html(List<string> header, List<List<string>> rows, int more)
    {
        var html = new StringBuilder("<table>\n<thead><tr>");
        foreach (var h in header) html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var c in row) html.Append("<td>").Append(WebUtility.HtmlEncode(c)).Append("</td>");
            html.Append("</tr>\n");
        }
        if (more > 0) html.Append($"<tr><td colspan=\"{header.Count}\"><i>… ({more} more)</i></td></tr>\n");
        return html.Append("</tbody>\n</table>").ToString();
    }

    private static string Plain(List<string> header, List<List<string>> rows, int more)
    {
        var widths = header.Select((h, j) => rows.Select(r => r[j].Length).Prepend(h.Length).Max()).ToList();
        string Line(IEnumerable<string> cells) => string.Join("  ", cells.Select((c, j) => c.PadRight(widths[j]))).TrimEnd();
        var lines = new List<string> { Line(header), Line(widths.Select(w => new string('-', w))) };
        lines.AddRange(rows.Select(Line));
        if (more > 0) lines.Add($"… ({more} more)");
        return string.Join("\n", lines);
    }
}
