using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>What the notebooks show, without the kernel: tables, findings, notes, the report of a twin, Env.Or (the report swaps the console: Console collection).</summary>
[Collection("Console")]
public sealed class NotebookLayerTests
{
    [Fact]
    public void A_table_has_a_column_per_property_with_readable_headings_and_invariant_numbers()
    {
        var table = Table.Of(new[] { new { Class = "happy", TestImages = 12, Accuracy = 0.5, Prepared = true } });
        Assert.Equal(["Class", "Test images", "Accuracy", "Prepared"], table.Header);
        Assert.Equal(["happy", "12", "0.5", "yes"], table.Rows[0]);
        Assert.Equal("<table><thead><tr><th>Class</th><th>Test images</th><th>Accuracy</th><th>Prepared</th></tr></thead>" +
                     "<tbody><tr><td>happy</td><td>12</td><td>0.5</td><td>yes</td></tr></tbody></table>", table.ToHtml());
        Assert.Equal("Class  Test images  Accuracy  Prepared\nhappy           12       0.5       yes", table.ToString().Replace("\r\n", "\n"));
        Assert.Equal("| Class | Test images | Accuracy | Prepared |\n|---|---|---|---|\n| happy | 12 | 0.5 | yes |", table.ToMarkdown().Replace("\r\n", "\n"));
        Assert.Equal(["Held out FVU", "Ms per image"], Table.Of(new[] { new { HeldOutFVU = 0.5, MsPerImage = 3 } }).Header);
    }

    [Fact]
    public void Per_class_puts_the_methods_side_by_side_with_the_mean_over_classes_and_says_what_a_method_never_predicts()
    {
        string[] classes = ["anger", "contempt", "happy"];
        // Two folds, the same test images for both methods: anger 3, contempt 2, happy 3 (labels 0 0 0 1 1 2 2 2).
        long[] labels1 = [0, 0, 0, 1, 1], labels2 = [2, 2, 2];
        var fineTune = new MethodSummary(Methods.FineTune, [FoldMetrics.From([0, 0, 0, 0, 2], labels1, classes, 0, 0), FoldMetrics.From([2, 2, 2], labels2, classes, 0, 0)]);
        var fn2en = new MethodSummary(Methods.Fn2En, [FoldMetrics.From([0, 1, 0, 1, 1], labels1, classes, 0, 0), FoldMetrics.From([2, 1, 2], labels2, classes, 0, 0)]);
        Assert.Equal((1 + 0 + 1) / 3.0, fineTune.MeanPerClassAccuracy, 10);   // overall 6 of 8, per class 100 / 0 / 100 %
        Assert.Equal((2 / 3.0 + 1 + 2 / 3.0) / 3, fn2en.MeanPerClassAccuracy, 10);

        var table = Assert.IsType<Table>(Ours.PerClass(null, fineTune, fn2en));
        Assert.Equal(["Class", "Test images", "VGG Fine-Tune (baseline)", "FN2EN"], table.Header);
        Assert.Equal(["contempt", "2", "0.0 % (0 of 2)", "100.0 % (2 of 2)"], table.Rows[1]);
        Assert.Equal(["mean over classes", "8", "66.7 %", "77.8 %"], table.Rows[^1]);

        var finding = WhatWeSee.PerClassAgainst(fn2en, [fineTune]);
        Assert.Contains("FN2EN 77.8 %, VGG Fine-Tune (baseline) 66.7 %", finding);
        Assert.Contains("more in contempt (+2); fewer in anger (-1) and happy (-1)", finding);
        Assert.Contains("VGG Fine-Tune (baseline) never predicted contempt (2 test images)", finding);
        Assert.DoesNotContain("FN2EN never", finding);

        // Pooled over different test images (one fold fewer): refused rather than compared.
        var oneFold = new MethodSummary(Methods.ScratchBn, [FoldMetrics.From([0, 0, 0, 1, 1], labels1, classes, 0, 0)]);
        Assert.Contains("different classes or test images", Assert.Throws<ArgumentException>(() => Ours.PerClass(oneFold, fn2en)).Message);
    }

    [Fact]
    public void Findings_and_notes_escape_html()
    {
        Assert.Equal("<ul><li>a &lt; b</li><li>c</li></ul>", new Findings(["a < b", "c"]).ToHtml());
        Assert.Equal("• a < b" + Environment.NewLine + "• c", new Findings(["a < b", "c"]).ToString());
        Assert.Equal("- a < b\n- c", new Findings(["a < b", "c"]).ToMarkdown());
        Assert.Equal("<p><b>x &amp; y</b></p>", new Note("x & y").ToHtml());
    }

    [Fact]
    public void Env_or_takes_the_variable_when_set_else_the_written_value()
    {
        const string name = "FN2EN_TEST_ENV_OR";
        Environment.SetEnvironmentVariable(name, null);
        Assert.Equal("quick", Env.Or(name, "quick"));
        Assert.Null(Env.Or(name, null));
        Environment.SetEnvironmentVariable(name, "smoke");
        try { Assert.Equal("smoke", Env.Or(name, "quick")); }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }

    [Fact]
    public void A_dataset_that_is_not_prepared_gets_the_papers_numbers_stated()
    {
        var points = WhatWeSee.PaperOnly("sfew", "../data");
        Assert.Equal(
        [
            "sfew is not prepared under ../data, so this notebook shows only the paper's Table VI, SFEW.",
            "In the paper FN2EN reaches 48.19 %, +7.0 points over VGG Fine-Tune (baseline) and +8.6 points over Train From Scratch (BN); " +
            "the best other method listed is Inception [23] at 47.7 %.",
            "With extra training data (FER2013) the paper's FN2EN reaches 55.15 %.",
        ], points);
        var header = Header.NotPrepared(ExperimentSettings.For("sfew", "smoke") with { DataRoot = "../data" });
        Assert.Contains("sfew is not prepared under ../data. Prepare it with: data-prep import sfew", header);
        Assert.StartsWith("profile smoke", header);
    }

    [Fact]
    public void Numbers_in_sentences_are_invariant_and_signed() =>
        Assert.Equal(("56.0 %", "+7.3 points", "-0.4 points", "a, b and c"),
            (Say.Percent(0.5604), Say.Points(0.073), Say.Points(-0.004), Say.List(["a", "b", "c"])));

    [Fact]
    public void A_report_writes_markdown_cells_printed_text_tables_and_chart_pictures()
    {
        using var dir = new TempDir();
        var before = (Environment.GetEnvironmentVariable("REPORTS_ROOT"), Directory.GetCurrentDirectory());
        Environment.SetEnvironmentVariable("REPORTS_ROOT", dir.Path);
        string text;
        try
        {
            using (var report = Report.Start("99-test"))
            {
                report.Markdown("# Title");
                report.Cell(2);
                Console.WriteLine("profile smoke");
                report.Show(Table.Of(new[] { new { A = 1 } }));
                report.Show(Charts.Curves("loss", [("fold 0", (IReadOnlyList<double>)[3.0, 2.0])], "loss"));
                report.Show(new Findings(["it fell"]));
            }
            text = File.ReadAllText(Path.Combine(dir.Path, "99-test", "report.md"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("REPORTS_ROOT", before.Item1);
            Directory.SetCurrentDirectory(before.Item2);
        }
        Assert.StartsWith("# Title\n\n<sub>[2]</sub>\n\n```text\nprofile smoke\n```\n\n| A |\n|---|\n| 1 |\n\n![loss](01.png)", text);
        Assert.EndsWith("- it fell\n\n", text);
        Assert.True(File.Exists(Path.Combine(dir.Path, "99-test", "01.png")));
    }
}

/// <summary>The settings cell's header reads the experiment: what the runs really use, not what the settings left open.</summary>
public sealed class HeaderTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void With_a_users_own_dataset_the_header_names_the_profiles_real_data_face_net()
    {
        TinyDataset.Create(dir["data/mine"], size: 40);
        using var experiment = new Experiment(ExperimentSettings.For("mine", "smoke") with { DataRoot = dir["data"], RunsRoot = dir["runs"] }, TextWriter.Null);
        var header = Header.Of(experiment);
        Assert.Contains($"face net {Profile.Smoke.RealFaceNet}: ", header);
        Assert.DoesNotContain("vgg16-bn", header);
        Assert.StartsWith("profile smoke: ", header);
        Assert.Contains($"data {Path.Combine(dir["data"], "mine")}: 72 images of 3 classes, 2 of its 3 folds", header);
        Assert.Contains("overrides: none", header);
    }
}
