using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace FaceNet2ExpNet.Reporting;

/// <summary>The notebooks' charts (Plotly.NET): class counts vs Table II, training curves, confusion matrices, accuracies vs the paper.</summary>
public static class Charts
{
    /// <summary>Images per class, ours beside the paper's Table II row (Sec. IV, Table II).</summary>
    public static GenericChart ClassCounts(string title, IReadOnlyList<string> classes, IReadOnlyList<int> ours, string? paperRow)
    {
        var bars = new List<GenericChart> { CChart.Column<int, string, string>(values: ours, Keys: classes.ToArray(), Name: "ours") };
        if (paperRow is not null)
            bars.Add(CChart.Column<int, string, string>(values: classes.Select(c => PaperTableII.Count(paperRow, c) ?? 0), Keys: classes.ToArray(),
                Name: $"paper, Table II ({paperRow})"));
        return Layout(CChart.Combine(bars), title, "class", "images", barmode: "group");
    }

    /// <summary>One line per series over epochs (e.g. the stage-1 regression loss of each fold).</summary>
    public static GenericChart Curves(string title, IEnumerable<(string Name, IReadOnlyList<double> Values)> series, string yTitle, bool logY = false)
    {
        var lines = series.Select(s => CChart.Line<int, double, string>(x: Enumerable.Range(1, s.Values.Count), y: s.Values, Name: s.Name)).ToList();
        var chart = Layout(CChart.Combine(lines), title, "epoch", yTitle);
        if (!logY) return chart;
        var axis = new LinearAxis();
        axis.SetProperty("type", "log");
        axis.SetProperty("title", TitleOf(yTitle));
        var layout = new Layout();
        layout.SetProperty("yaxis", axis);
        return GenericChart.addLayout(layout, chart);
    }

    /// <summary>Row-normalised confusion matrix (Figs. 6–9): the darker, the higher; rows = true class.</summary>
    public static GenericChart Confusion(string title, MethodSummary summary)
    {
        var classes = summary.Classes.ToArray();
        var z = summary.NormalisedConfusion.Reverse().Select(r => r.Select(v => Math.Round(100 * v, 1)).ToArray()).ToArray();
        var heat = CChart.Heatmap<double, string, string, string>(zData: z, X: classes, Y: classes.Reverse().ToArray(),
            ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true, ShowScale: true);
        var text = CChart.Combine([heat]);
        var annotated = Layout(text, title, "predicted", "true");
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
        return GenericChart.addLayout(layout, annotated).WithSize(Width: 120 + 62 * classes.Length, Height: 100 + 55 * classes.Length);
    }

    /// <summary>Our mean accuracy beside the paper's figure, per method.</summary>
    public static GenericChart Accuracies(ResultsTable table)
    {
        var methods = table.Rows.Select(r => r.Method).ToArray();
        var ours = CChart.Column<double, string, string>(values: table.Rows.Select(r => Math.Round(100 * r.Mean, 1)), Keys: methods, Name: "ours (mean over folds)");
        var paper = CChart.Column<double, string, string>(values: table.Rows.Select(r => double.TryParse(r.Paper.TrimEnd(' ', '%'),
            System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0), Keys: methods, Name: $"paper ({table.PaperTable})");
        return Layout(CChart.Combine([ours, paper]), $"{table.Dataset}: average accuracy", "method", "accuracy (%)", barmode: "group");
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
