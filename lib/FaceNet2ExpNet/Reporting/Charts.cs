using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;
using static FaceNet2ExpNet.Reporting.TextTable;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// The notebooks' charts, each a <see cref="ChartFigure"/> (interactive Plotly.NET chart + offline PNG + the numbers as
/// text): class counts vs Table II, training curves, confusion matrices (Figs. 6–9), accuracies vs the paper.
/// </summary>
public static class Charts
{
    /// <summary>Images per class, ours beside the paper's Table II row (Sec. IV, Table II).</summary>
    public static ChartFigure ClassCounts(string title, IReadOnlyList<string> classes, IReadOnlyList<int> ours, string? paperRow)
    {
        var series = new List<Series> { new("ours", ours.Select(v => (double)v).ToList()) };
        if (paperRow is not null)
            series.Add(new($"paper, Table II ({paperRow})", classes.Select(c => (double)(PaperTableII.Count(paperRow, c) ?? 0)).ToList()));
        var bars = series.Select(s => CChart.Column<double, string, string>(values: s.Values, Keys: classes.ToArray(), Name: s.Name));
        var chart = Layout(CChart.Combine(bars), title, "class", "images", barmode: "group");
        var text = Format(["class", .. series.Select(s => s.Name)],
            classes.Select((c, i) => (IReadOnlyList<string>)[c, .. series.Select(s => Number(s.Values[i]))]));
        return new ChartFigure(title, chart, ChartImages.Bars(title, "class", "images", classes, series), $"{title}\n{text}");
    }

    /// <summary>One line per series over epochs (e.g. the stage-1 regression loss of each fold).</summary>
    public static ChartFigure Curves(string title, IEnumerable<(string Name, IReadOnlyList<double> Values)> curves, string yTitle, bool logY = false)
    {
        var series = curves.Select(c => new Series(c.Name, c.Values)).ToList();
        var lines = series.Select(s => CChart.Line<int, double, string>(x: Enumerable.Range(1, s.Values.Count), y: s.Values, Name: s.Name)).ToList();
        var chart = Layout(CChart.Combine(lines), title, "epoch", yTitle);
        if (logY) chart = WithLogY(chart, yTitle);
        var text = Format(["series", "epochs", "first", "last", "min", "at epoch"], series.Select(s => (IReadOnlyList<string>)
        [
            s.Name, s.Values.Count.ToString(), Number(s.Values[0], "G4"), Number(s.Values[^1], "G4"), Number(s.Values.Min(), "G4"),
            (s.Values.ToList().IndexOf(s.Values.Min()) + 1).ToString(),
        ]));
        var heading = $"{title} ({yTitle}{(logY ? ", log scale" : "")})";
        return new ChartFigure(title, chart, ChartImages.Lines(title, "epoch", yTitle + (logY ? " (log scale)" : ""), series, logY), $"{heading}\n{text}");
    }

    /// <summary>Row-normalised confusion matrix in % (Figs. 6–9): the darker, the higher; rows = true class.</summary>
    public static ChartFigure Confusion(string title, MethodSummary summary)
    {
        var classes = summary.Classes.ToArray();
        var percent = summary.NormalisedConfusion.Select(r => (IReadOnlyList<double>)r.Select(v => Math.Round(100 * v, 1)).ToList()).ToList();
        var z = percent.AsEnumerable().Reverse().Select(r => r.ToArray()).ToArray();
        var heat = CChart.Heatmap<double, string, string, string>(zData: z, X: classes, Y: classes.Reverse().ToArray(),
            ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true, ShowScale: true);
        var annotated = Layout(CChart.Combine([heat]), title, "predicted", "true");
        var layout = new Layout();
        var notes = new List<Annotation>();
        for (var i = 0; i < z.Length; i++)
        for (var j = 0; j < z[i].Length; j++)
        {
            var a = new Annotation();
            a.SetProperty("x", classes[j]);
            a.SetProperty("y", classes[classes.Length - 1 - i]);
            a.SetProperty("text", $"{z[i][j]:0.#}");
            a.SetProperty("showarrow", false);
            var font = new Font();
            font.SetProperty("color", z[i][j] > 50 ? "white" : "black");
            a.SetProperty("font", font);
            notes.Add(a);
        }
        layout.SetProperty("annotations", notes);
        var chart = GenericChart.addLayout(layout, annotated).WithSize(Width: 120 + 62 * classes.Length, Height: 100 + 55 * classes.Length);
        var text = Format(["true \\ predicted", .. classes], classes.Select((c, i) => (IReadOnlyList<string>)[c, .. percent[i].Select(v => Number(v, "0.#"))]));
        return new ChartFigure(title, chart, ChartImages.Heatmap(title, "predicted", "true", classes, percent), $"{title} (% of each true class)\n{text}");
    }

    /// <summary>Our mean accuracy beside the paper's figure, per method.</summary>
    public static ChartFigure Accuracies(ResultsTable table)
    {
        var methods = table.Rows.Select(r => r.Method).ToArray();
        var title = $"{table.Dataset}: average accuracy";
        var ours = new Series("ours (mean over folds)", table.Rows.Select(r => Math.Round(100 * r.Mean, 1)).ToList());
        var paper = new Series($"paper ({table.PaperTable})", table.Rows.Select(r => r.PaperFigure ?? 0).ToList());
        var chart = Layout(CChart.Combine(new[] { ours, paper }.Select(s => CChart.Column<double, string, string>(values: s.Values, Keys: methods, Name: s.Name))),
            title, "method", "accuracy (%)", barmode: "group");
        var text = Format(["method", "ours (%)", "± std", "folds", "paper (%)"], table.Rows.Select(r => (IReadOnlyList<string>)
            [r.Method, Number(100 * r.Mean, "F1"), Number(100 * r.Std, "F1"), r.Folds.ToString(), r.PaperFigure is { } p ? Number(p, "0.0#") : "—"]));
        return new ChartFigure(title, chart, ChartImages.Bars(title, "method", "accuracy (%)", methods, [ours, paper]), $"{title}\n{text}");
    }

    private static GenericChart WithLogY(GenericChart chart, string yTitle)
    {
        var axis = new LinearAxis();
        axis.SetProperty("type", "log");
        axis.SetProperty("title", TitleOf(yTitle));
        var layout = new Layout();
        layout.SetProperty("yaxis", axis);
        return GenericChart.addLayout(layout, chart);
    }

    private static GenericChart Layout(GenericChart chart, string title, string xTitle, string yTitle, string? barmode = null)
    {
        var layout = new Layout();
        layout.SetProperty("title", TitleOf(title));
        var x = new LinearAxis();
        x.SetProperty("title", TitleOf(xTitle));
        var y = new LinearAxis();
        y.SetProperty("title", TitleOf(yTitle));
        layout.SetProperty("xaxis", x);
        layout.SetProperty("yaxis", y);
        if (barmode is not null) layout.SetProperty("barmode", barmode);
        return GenericChart.addLayout(layout, chart);
    }

    private static Title TitleOf(string text)
    {
        var t = new Title();
        t.SetProperty("text", text);
        return t;
    }
}
