using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// A table of a notebook, shown in the kernel as an HTML table and as aligned plain text in one output (the kernel's own
/// display of a sequence is a list of collapsible objects, which reads poorly outside VS Code), and as Markdown in a
/// twin's report (<see cref="Report"/>).
/// </summary>
public sealed partial record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>One column per public property of <typeparamref name="T"/> (in declaration order), one row per item;
    /// "TestImages" is headed "Test images", "HeldOutFVU" "Held out FVU"; numbers in the invariant culture, booleans as yes/no.</summary>
    public static Table Of<T>(IEnumerable<T> items)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        return new Table(properties.Select(p => Heading(p.Name)).ToList(),
            items.Select(item => (IReadOnlyList<string>)properties.Select(p => Cell(p.GetValue(item))).ToList()).ToList());
    }

    public string ToHtml()
    {
        var sb = new StringBuilder("<table><thead><tr>");
        foreach (var h in Header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>A Markdown table (what a notebook's twin writes into its report).</summary>
    public string ToMarkdown()
    {
        static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
        var sb = new StringBuilder();
        sb.Append("| ").Append(string.Join(" | ", Header.Select(Cell))).AppendLine(" |");
        sb.Append('|').Append(string.Concat(Header.Select(_ => "---|"))).AppendLine();
        foreach (var row in Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).AppendLine(" |");
        return sb.ToString().TrimEnd();
    }

    public override string ToString() => TextTable.Format(Header, Rows);

    private static string Cell(object? value) => value switch
    {
        null => "",
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Heading(string name)
    {
        var words = WordStart().Replace(name, " $1").Trim().Split(' ');
        if (words[0].Length == 0) return name;
        // Later words in lower case, except acronyms ("HeldOutFVU" → "Held out FVU").
        return string.Join(" ", words.Select((w, i) => i == 0 || (w.Length > 1 && w.All(char.IsUpper)) ? w : w.ToLowerInvariant()));
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
