using System.Globalization;
using System.Text;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// What a notebook shows, without the .NET Interactive kernel: the display of a notebook's kernel-free twin
/// (<c>notebooks/NN-name.cs</c>, a .NET 10 file-based app generated from the .dib by <c>fn2en-notebooks twin</c>).
/// Markdown cells are copied, each displayed value (a cell's trailing expression, or <c>display(x)</c>) is written as
/// Markdown — a chart as its PNG (<c>NN.png</c>) and its numbers, an image sheet as <c>NN.jpg</c> and its caption, a
/// table as a Markdown table — and what a cell prints goes to the console and into the report, so
/// <c>&lt;REPORTS_ROOT&gt;/&lt;notebook&gt;/report.md</c> reads like the executed notebook (REPORTS_ROOT: default
/// <c>reports</c> beside the notebook). Like the kernel, the twin runs in the notebook's folder, so <c>../data</c>
/// means the same in both.
/// </summary>
public sealed class Report : IDisposable
{
    private readonly StringBuilder markdown = new();
    private readonly StringWriter printed = new();
    private readonly TextWriter console;
    private int files;
    private bool written;

    private Report(string name, string folder)
    {
        (Name, Folder) = (name, folder);
        console = Console.Out;
        Console.SetOut(new Tee(console, printed));
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Fail(e.ExceptionObject);
    }

    /// <summary>The notebook's name ("03-stage1").</summary>
    public string Name { get; }
    /// <summary>Where report.md and its pictures are written.</summary>
    public string Folder { get; }
    /// <summary>The report file.</summary>
    public string File => Path.Combine(Folder, "report.md");

    /// <summary>
    /// Starts the report of notebook <paramref name="name"/>: moves to the notebook's folder (where the kernel runs),
    /// sets the invariant culture (numbers print the same on every machine) and empties
    /// &lt;REPORTS_ROOT&gt;/<paramref name="name"/>.
    /// </summary>
    public static Report Start(string name)
    {
        if (AppContext.GetData("EntryPointFileDirectoryPath") is string notebookFolder && Directory.Exists(notebookFolder))
            Directory.SetCurrentDirectory(notebookFolder);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var root = Environment.GetEnvironmentVariable("REPORTS_ROOT") is { Length: > 0 } r ? r : "reports";
        var folder = Path.GetFullPath(Path.Combine(root, name));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return new Report(name, folder);
    }

    /// <summary>A markdown cell, as written in the notebook.</summary>
    public void Markdown(string text)
    {
        FlushPrinted();
        markdown.Append(text.Trim()).Append("\n\n");
    }

    /// <summary>The start of code cell <paramref name="number"/> (its number among all cells, as Jupyter counts).</summary>
    public void Cell(int number)
    {
        FlushPrinted();
        markdown.Append($"<sub>[{number}]</sub>\n\n");
    }

    /// <summary>A displayed value: what the kernel shows for a cell's trailing expression or <c>display(value)</c>.</summary>
    public void Show(object? value)
    {
        FlushPrinted();
        switch (value)
        {
            case null:
                break;
            case ChartFigure chart:
                markdown.Append($"![{chart.Title}]({Save(chart.Png, "png")})\n\n");
                Text(chart.Text);
                break;
            case ImageSheet sheet:
                markdown.Append($"![]({Save(sheet.Jpeg, "jpg")})\n\n");
                Text(sheet.Caption);
                break;
            case Table table: markdown.Append(table.ToMarkdown()).Append("\n\n"); break;
            case Findings findings: markdown.Append(findings.ToMarkdown()).Append("\n\n"); break;
            case Note note: markdown.Append(note.ToMarkdown()).Append("\n\n"); break;
            case ResultsTable results: markdown.Append(results.ToMarkdown()).Append("\n\n"); break;
            case IFormattable number: Text(number.ToString(null, CultureInfo.InvariantCulture)); break;
            default: Text(value.ToString() ?? ""); break;
        }
        Write();
    }

    /// <summary>Writes report.md (also after every displayed value, so an interrupted twin leaves what it showed).</summary>
    public void Write() => System.IO.File.WriteAllText(File, markdown + Pending());

    /// <summary>Writes the report and gives the console back.</summary>
    public void Dispose()
    {
        if (written) return;
        written = true;
        FlushPrinted();
        Write();
        Console.SetOut(console);
        console.WriteLine($"[report] {Name}: {File}");
    }

    private void Fail(object error)
    {
        FlushPrinted();
        markdown.Append("**Error**\n\n");
        Text(error is Exception e ? $"{e.GetType().Name}: {e.Message}" : $"{error}");
        Dispose();
    }

    private string Save(byte[] bytes, string extension)
    {
        var file = $"{++files:00}.{extension}";
        System.IO.File.WriteAllBytes(Path.Combine(Folder, file), bytes);
        return file;
    }

    private void Text(string text)
    {
        var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        markdown.Append(fence).Append("text\n").Append(text.TrimEnd()).Append('\n').Append(fence).Append("\n\n");
    }

    private string Pending() => printed.GetStringBuilder().Length == 0 ? "" : $"```text\n{printed.ToString().TrimEnd()}\n```\n";

    private void FlushPrinted()
    {
        if (printed.GetStringBuilder().Length == 0) return;
        var text = printed.ToString();
        printed.GetStringBuilder().Clear();
        if (text.Trim().Length > 0) Text(text);
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text) longest = Math.Max(longest, run = ch == c ? run + 1 : 0);
        return longest;
    }

    /// <summary>Writes to the console and to the report's buffer.</summary>
    private sealed class Tee(TextWriter console, TextWriter copy) : TextWriter
    {
        public override Encoding Encoding => console.Encoding;
        public override void Write(char value) { lock (copy) { console.Write(value); copy.Write(value); } }
        public override void Write(string? value) { lock (copy) { console.Write(value); copy.Write(value); } }
        public override void WriteLine(string? value) { lock (copy) { console.WriteLine(value); copy.Write(value); copy.Write('\n'); } }
        public override void Flush() => console.Flush();
    }
}
