using System.Globalization;
using System.Text;

namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>
/// Text from files (and file names) made safe to print inside a one-line message: control and format characters
/// (NUL, ESC, newlines, bidi overrides, …) become visible escapes, so quoting a binary file cannot drive the terminal or
/// split an error over several lines.
/// </summary>
public static class SafeText
{
    /// <summary><paramref name="text"/> with control/format characters escaped (\n, \t, \x1B, \u202E), cut to <paramref name="max"/> characters.</summary>
    public static string Escape(string text, int max = int.MaxValue)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in text)
        {
            if (sb.Length >= max) return sb.Append('…').ToString();
            if (!IsControl(c)) sb.Append(c);
            else sb.Append(c switch
            {
                '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '\0' => "\\0",
                _ when c <= 0xFF => $"\\x{(int)c:X2}",
                _ => $"\\u{(int)c:X4}",
            });
        }
        return sb.ToString();
    }

    /// <summary>True when <paramref name="text"/> holds a control or format character (what <see cref="Escape"/> would escape).</summary>
    public static bool HasControl(string text) => text.Any(IsControl);

    /// <summary>
    /// A file name or relative path fit to store and list in a manifest: control and format characters become '_'
    /// (a newline in a name would split a manifest row; an escape sequence would drive every terminal that prints it).
    /// </summary>
    public static string ForPath(string path) => HasControl(path) ? new string([.. path.Select(c => IsControl(c) ? '_' : c)]) : path;

    private static bool IsControl(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>'text' quoted for a message: escaped and cut to 60 characters.</summary>
    public static string Quote(string text, int max = 60) => $"'{Escape(text, max)}'";
}
