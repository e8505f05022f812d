using static FaceNet2ExpNet.Tests.Notebooks.RunnerHarness;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>The kernel helpers (display, HTML, Formatter.Register) and the MIME type each kind of value gets.</summary>
[Collection(NotebookRunnerCollection.Name)]
public class DisplayTests
{
    [Fact]
    public void StringsAndNumbers_AreTextPlain_InTheInvariantCulture()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells("display(\"hello\");\ndisplay(1.5);\nConsole.WriteLine($\"{0.25}\");\n12345.5");
        Assert.Equal(0, exit);
        var outputs = Outputs(nb, 1);
        Assert.Equal("hello", MimeText(outputs[0], "text/plain"));
        Assert.Equal("1.5", MimeText(outputs[1], "text/plain"));
        Assert.Equal("0.25\n", FaceNet2ExpNet.Notebooks.Format.Multiline.Join(outputs[2]["text"]));
        Assert.Equal("execute_result", Kind(outputs[3]));
        Assert.Equal("12345.5", MimeText(outputs[3], "text/plain"));
    }

    [Fact]
    public void SequenceOfRecords_IsAnHtmlAndPlainTable()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "record Score(string Dataset, double Accuracy);\n" +
            "display(new[] { new Score(\"CK+\", 0.983), new Score(\"Oulu<CASIA>\", 0.875) });\n" +
            "new List<int> { 3, 4 }");
        Assert.Equal(0, exit);
        var table = Outputs(nb, 1)[0];
        Assert.Equal(["text/html", "text/plain"], table["data"]!.AsObject().Select(p => p.Key));
        var html = MimeText(table, "text/html");
        Assert.Contains("<th>Dataset</th><th>Accuracy</th>", html);
        Assert.Contains("<tr><td>CK+</td><td>0.983</td></tr>", html);
        Assert.Contains("<td>Oulu&lt;CASIA&gt;</td>", html);
        Assert.Equal("Dataset      Accuracy\n-----------  --------\nCK+          0.983\nOulu<CASIA>  0.875",
                     MimeText(table, "text/plain"));
        var values = Outputs(nb, 1)[1];
        Assert.Equal("index  value\n-----  -----\n0      3\n1      4", MimeText(values, "text/plain"));
    }

    [Fact]
    public void LongSequences_StopAtTheListExpansionLimit()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "using Microsoft.DotNet.Interactive.Formatting;\nFormatter.ListExpansionLimit = 3;\nEnumerable.Range(10, 5)");
        Assert.Equal(0, exit);
        var plain = MimeText(Outputs(nb, 1)[0], "text/plain");
        Assert.EndsWith("2      12\n… (2 more)", plain);
    }

    [Fact]
    public void PngPictures_AreImagePng_ByTypeShapeOrSignature()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };\n" +
            "record PngImage(byte[] Bytes);\n" +           // shaped like FaceNet2ExpNet.Reporting.PngImage
            "display(new PngImage(png));\ndisplay(png);\ndisplay(new byte[] { 1, 2 });");
        Assert.Equal(0, exit);
        var outputs = Outputs(nb, 1);
        var base64 = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        Assert.Equal(base64, outputs[0]["data"]!["image/png"]!.GetValue<string>());
        Assert.Equal(base64, outputs[1]["data"]!["image/png"]!.GetValue<string>());
        Assert.Equal("byte[2]", MimeText(outputs[2], "text/plain"));
    }

    [Fact]
    public void PlotlyCharts_AreTextHtml_WithTheTraceData()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n" +
            "using Plotly.NET.CSharp;",
            "display(Chart.Column<double, string, string>(values: new[] { 0.25, 0.75 }, Keys: new[] { \"pre\", \"fine\" }));\n" +
            "Chart.Line<int, int, string>(x: new[] { 1, 2, 3 }, y: new[] { 4, 5, 6 }, Name: \"loss\")");
        Assert.Equal(0, exit);
        var outputs = Outputs(nb, 2);
        Assert.Equal(["display_data", "execute_result"], outputs.Select(Kind));
        var bar = MimeText(outputs[0], "text/html");
        Assert.Contains("\"type\":\"bar\"", bar);
        Assert.Contains("\"y\":[0.25,0.75]", bar);
        var line = MimeText(outputs[1], "text/html");
        Assert.Contains("\"x\":[1,2,3],\"y\":[4,5,6]", line);
        Assert.Contains("\"name\":\"loss\"", line);
        Assert.Contains("Plotly.newPlot('plotly-2-", line);
        Assert.Contains("https://cdn.plot.ly/plotly-", line);
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}", line);   // no random element ids
    }

    [Fact]
    public void Html_IsTextHtml()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells("display(HTML(\"<b>bold</b>\"));\nHTML(\"<i>x</i>\")");
        Assert.Equal(0, exit);
        Assert.Equal("<b>bold</b>", MimeText(Outputs(nb, 1)[0], "text/html"));
        Assert.Equal("<i>x</i>", MimeText(Outputs(nb, 1)[1], "text/html"));
    }

    [Fact]
    public void RegisteredFormatters_AreHonoured_AndResetBetweenNotebooks()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "using Microsoft.DotNet.Interactive.Formatting;\nrecord Acc(double Value);\n" +
            "Formatter.Register<Acc>((a, writer) => writer.Write($\"<b>{a.Value:P1}</b>\"), \"text/html\");",
            "new Acc(0.5)");
        Assert.Equal(0, exit);
        Assert.Equal("<b>50.0 %</b>", MimeText(Outputs(nb, 2)[0], "text/html"));

        var (_, _, next) = h.RunCells("record Acc(double Value);", "new Acc(0.5)");
        Assert.Equal("Acc { Value = 0.5 }", MimeText(Outputs(next, 2)[0], "text/plain"));
    }

    [Fact]
    public void DisplayedValues_CanBeUpdated_AndNullIsShownAsTheKernelDoes()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "using Microsoft.DotNet.Interactive;\nvar shown = display(\"epoch 1\");\nshown.Update(\"epoch 2\");\n\"x\".Display();",
            "string nothing = null;\nnothing",
            "Console.WriteLine(\"no value\")");
        Assert.Equal(0, exit);
        var outputs = Outputs(nb, 1);
        Assert.Equal(2, outputs.Count);
        Assert.Equal("epoch 2", MimeText(outputs[0], "text/plain"));
        Assert.Equal("x", MimeText(outputs[1], "text/plain"));
        Assert.Equal("<null>", MimeText(Outputs(nb, 2)[0], "text/plain"));
        Assert.Equal(["stream"], Outputs(nb, 3).Select(Kind));   // a void call returns nothing
    }
}
