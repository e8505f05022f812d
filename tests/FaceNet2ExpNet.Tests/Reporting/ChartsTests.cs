using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Reporting;
using Plotly.NET;
using SkiaSharp;

namespace FaceNet2ExpNet.Tests.Reporting;

/// <summary>Every chart carries the same numbers three ways: Plotly traces, an offline PNG, and text.</summary>
public sealed class ChartsTests
{
    private static readonly string[] Classes = ["anger", "happy", "neutral"];

    private static MethodSummary Fn2En() => new(Methods.Fn2En,
    [
        new FoldMetrics { Accuracy = 0.5, Classes = Classes, Confusion = [[1, 1, 0], [0, 3, 1], [0, 0, 2]] },
        new FoldMetrics { Accuracy = 0.7, Classes = Classes, Confusion = [[1, 0, 1], [0, 4, 0], [0, 0, 4]] },
    ]);

    [Fact]
    public void Class_counts_show_ours_beside_table_ii_in_every_form()
    {
        var figure = Charts.ClassCounts("ck: images per class", Classes, [135, 207, 327], "CK+");
        Assert.Equal(2, GenericChart.getTraces(figure.Interactive).Count());
        Assert.Equal(["happy", "207", "147"], figure.Text.Split('\n').Single(l => l.StartsWith("happy")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        using var png = SKBitmap.Decode(figure.Png);
        Assert.Equal((ChartImages.Width, ChartImages.Height), (png.Width, png.Height));
    }

    [Fact]
    public void Confusion_text_is_the_row_normalised_pooled_matrix_in_percent()
    {
        // Pooled: anger [2, 1, 1] → 50, 25, 25 %; happy [0, 7, 1] → 0, 87.5, 12.5 %; neutral [0, 0, 6] → 0, 0, 100 %.
        var figure = Charts.Confusion("fn2en", Fn2En());
        var rows = figure.Text.Split('\n').Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["anger", "50", "25", "25"], rows[0]);
        Assert.Equal(["happy", "0", "87.5", "12.5"], rows[1]);
        Assert.Equal(["neutral", "0", "0", "100"], rows[2]);
        using var png = SKBitmap.Decode(figure.Png);
        Assert.True(png.Width > 300 && png.Height > 300);
    }

    [Fact]
    public void Curves_summarise_each_series_and_log_scale_is_said()
    {
        var figure = Charts.Curves("loss", [("fold 0", [100.0, 10.0, 20.0])], "loss per image", logY: true);
        Assert.Contains("log scale", figure.Text);
        Assert.Equal(["fold", "0", "3", "100", "20", "10", "2"], figure.Text.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"type\":\"log\"", GenericChart.toJson(figure.Interactive));
    }

    [Fact]
    public void Accuracies_put_our_mean_beside_the_papers_figure()
    {
        var table = ResultsTable.From("synthetic-ck", [Fn2En()]);
        var figure = Charts.Accuracies(table);
        Assert.Equal(["FN2EN", "60.0", "14.1", "2", "96.8"], figure.Text.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_png_is_the_same_bytes_for_the_same_numbers()
    {
        var a = Charts.ClassCounts("t", Classes, [1, 2, 3], null).Png;
        var b = Charts.ClassCounts("t", Classes, [1, 2, 3], null).Png;
        var c = Charts.ClassCounts("t", Classes, [1, 2, 4], null).Png;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
