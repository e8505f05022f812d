using FaceNet2ExpNet.Notebooks;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>The notebooks' library pieces that do not need the kernel: tables, parameters, generated findings.</summary>
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
    }

    [Fact]
    public void Findings_and_notes_escape_html()
    {
        Assert.Equal("<ul><li>a &lt; b</li><li>c</li></ul>", new Findings(["a < b", "c"]).ToHtml());
        Assert.Equal("• a < b" + Environment.NewLine + "• c", new Findings(["a < b", "c"]).ToString());
        Assert.Equal("<p><b>x &amp; y</b></p>", new Note("x & y").ToHtml());
    }

    [Fact]
    public void Parameters_default_to_the_quick_profile_and_the_repository_folders()
    {
        var p = new NotebookParameters(FaceNet2ExpNet.Experiments.Profile.Quick, "ck-plus", null, "../data", "../runs");
        Assert.Equal("vgg16-bn", p.FaceNetName);
        Assert.Equal("profile quick: 64 px crops of 72 px images, networks at width ×0.125, 5 folds; dataset ck-plus; " +
                     "face net vgg16-bn; data ../data; runs ../runs", p.ToString());
        Assert.Equal("ck-plus", p.Settings.Dataset);
        Assert.Equal("../runs", p.Settings.RunsRoot);
    }

    [Fact]
    public void A_dataset_that_is_not_prepared_gets_the_papers_numbers_stated()
    {
        var points = ResultsFindings.OfPaperOnly("sfew", "../data");
        Assert.Equal(
        [
            "sfew is not prepared under ../data, so this notebook shows only the paper's Table VI, SFEW.",
            "In the paper FN2EN reaches 48.19 %, +7.0 points over VGG Fine-Tune (baseline) and +8.6 points over Train From Scratch (BN); " +
            "the best other method listed is Inception [23] at 47.7 %.",
            "With extra training data (FER2013) the paper's FN2EN reaches 55.15 %.",
        ], points);
    }

    [Fact]
    public void Numbers_in_sentences_are_invariant_and_signed() =>
        Assert.Equal(("56.0 %", "+7.3 points", "-0.4 points", "a, b and c"),
            (Say.Percent(0.5604), Say.Points(0.073), Say.Points(-0.004), Say.List(["a", "b", "c"])));
}
