using System.Globalization;
using FaceNet2ExpNet.Reporting;
using Microsoft.DotNet.Interactive.Formatting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// What every notebook needs from the .NET Interactive kernel before its first result, done once per kernel: FSharp.Core
/// for Plotly.NET, the invariant culture (numbers print the same on every machine), and the formatters that show a
/// <see cref="ChartFigure"/> as interactive chart + PNG + text in one output, an <see cref="ImageSheet"/> as JPEG + caption,
/// and <see cref="Table"/>, <see cref="ResultsTable"/>, <see cref="Findings"/> and <see cref="Note"/> as HTML + text. Native libraries need nothing
/// here: the notebooks' build puts TorchSharp's and SkiaSharp's next to their assemblies, where .NET looks first (environment.md).
/// Every notebook's first cell runs it through <c>#!import ../lib/FaceNet2ExpNet.Notebooks/kernel.dib</c>; a notebook's
/// kernel-free twin has none of this (it shows through <see cref="Report"/>, in the core library).
/// </summary>
public static class NotebookSetup
{
    private static int done;

    /// <summary>Runs the setup once; later calls do nothing.</summary>
    /// <exception cref="InvalidOperationException">Plotly.NET.Interactive is not loaded (the setup cell lacks its #r).</exception>
    public static void Ensure()
    {
        if (Interlocked.Exchange(ref done, 1) == 1) return;
        FSharpCoreRedirect.Install();
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (!AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Plotly.NET.Interactive"))
        {
            done = 0;
            throw new InvalidOperationException("Plotly.NET.Interactive is not loaded: the notebook's first cell needs " +
                "#r \"nuget: Plotly.NET.Interactive, 6.0.0\" before the library (docs/notebooks.md).");
        }
        RegisterFormatters();
    }

    private static void RegisterFormatters()
    {
        // The interactive view is whatever Plotly.NET.Interactive's kernel extension renders for the chart.
        Formatter.Register<ChartFigure>((figure, writer) => writer.Write(Formatter.ToDisplayString(figure.Interactive, "text/html")), "text/html");
        Formatter.Register<ChartFigure>((figure, writer) => writer.Write(figure.PngBase64), "image/png");
        Formatter.Register<ChartFigure>((figure, writer) => writer.Write(figure.Text), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(ChartFigure), "text/html", "image/png", "text/plain");

        Formatter.Register<ImageSheet>((sheet, writer) => writer.Write(sheet.JpegBase64), "image/jpeg");
        Formatter.Register<ImageSheet>((sheet, writer) => writer.Write(sheet.Caption), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(ImageSheet), "image/jpeg", "text/plain");

        Formatter.Register<Findings>((findings, writer) => writer.Write(findings.ToHtml()), "text/html");
        Formatter.Register<Findings>((findings, writer) => writer.Write(findings.ToString()), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(Findings), "text/html", "text/plain");

        Formatter.Register<Table>((table, writer) => writer.Write(table.ToHtml()), "text/html");
        Formatter.Register<Table>((table, writer) => writer.Write(table.ToString()), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(Table), "text/html", "text/plain");

        Formatter.Register<ResultsTable>((results, writer) => writer.Write(AsTable(results).ToHtml()), "text/html");
        Formatter.Register<ResultsTable>((results, writer) => writer.Write(results.ToString()), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(ResultsTable), "text/html", "text/plain");

        Formatter.Register<Note>((note, writer) => writer.Write(note.ToHtml()), "text/html");
        Formatter.Register<Note>((note, writer) => writer.Write(note.ToString()), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(Note), "text/html", "text/plain");
    }

    private static Table AsTable(ResultsTable results) => Table.Of(results.Rows.Select(r => new { r.Method, r.Ours, r.Folds, r.Paper }));
}
