using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Tests.Analysis;

/// <summary>LES threshold and counts (Table I) on constructed entropies.</summary>
public sealed class LowExpressiveScoreTests
{
    // Layer averages: pre-trained pool4 (0.1+0.5+0.9+1.3)/4 = 0.7, pool5 (0.6+1.0)/2 = 0.8 → its minimum 0.7;
    //                 fine-tuned pool4 (0.2+0.4+0.6+1.2)/4 = 0.6, pool5 (0.3+0.7)/2 = 0.5 → its minimum 0.5.
    private static NetEntropies Net(string name, double[] pool4, double[] pool5, double scale = 1) => new(name,
        [new LayerEntropies("pool4", pool4.Select(h => h * scale).ToArray(), 3, 10, 0),
         new LayerEntropies("pool5", pool5.Select(h => h * scale).ToArray(), 3, 10, 0)], 10, ConvResponse.SpatialMax);

    private static NetEntropies Pre(double scale = 1) => Net("pre-trained", [0.1, 0.5, 0.9, 1.3], [0.6, 1.0], scale);
    private static NetEntropies Fine(double scale = 1) => Net("fine-tuned", [0.2, 0.4, 0.6, 1.2], [0.3, 0.7], scale);

    [Fact]
    public void Threshold_is_the_minimum_layer_average_of_the_chosen_nets()
    {
        Assert.Equal(0.7, LowExpressiveScore.MinimumAverage(Pre()), 12);
        Assert.Equal(0.5, LowExpressiveScore.MinimumAverage(Fine()), 12);
        var both = LowExpressiveScore.Threshold(Pre(), Fine(), ThresholdFrom.BothNets);
        Assert.Equal((0.5, 0.5), (both.PreTrained, both.FineTuned));
        var pre = LowExpressiveScore.Threshold(Pre(), Fine(), ThresholdFrom.PreTrained);
        Assert.Equal(0.7, pre.FineTuned, 12);
        var each = LowExpressiveScore.Threshold(Pre(), Fine(), ThresholdFrom.EachNet);
        Assert.Equal(0.7, each.PreTrained, 12);
        Assert.Equal(0.5, each.FineTuned, 12);
    }

    [Fact]
    public void Counts_are_neurons_strictly_below_the_threshold()
    {
        // Shared threshold 0.5: pre pool4 {0.1} = 1 (0.5 itself is not "lower than"), pool5 {} = 0;
        //                       fine pool4 {0.2, 0.4} = 2, pool5 {0.3} = 1 → changes +1, +1.
        var counts = LowExpressiveScore.Count(Pre(), Fine(), LowExpressiveScore.Threshold(Pre(), Fine()));
        Assert.Equal([new LesCount("pool4", 4, 1, 2), new LesCount("pool5", 2, 0, 1)], counts);
        Assert.Equal([1, 1], counts.Select(c => c.Change));

        // Pre-trained threshold 0.7: pre {0.1, 0.5} = 2, {0.6} = 1; fine {0.2, 0.4, 0.6} = 3, {0.3} = 1 → +1, 0.
        counts = LowExpressiveScore.Count(Pre(), Fine(), LowExpressiveScore.Threshold(Pre(), Fine(), ThresholdFrom.PreTrained));
        Assert.Equal([new LesCount("pool4", 4, 2, 3), new LesCount("pool5", 2, 1, 1)], counts);

        // Each net its own: pre at 0.7 → 2, 1; fine at 0.5 → 2, 1.
        counts = LowExpressiveScore.Count(Pre(), Fine(), LowExpressiveScore.Threshold(Pre(), Fine(), ThresholdFrom.EachNet));
        Assert.Equal([new LesCount("pool4", 4, 2, 2), new LesCount("pool5", 2, 1, 1)], counts);
    }

    [Fact]
    public void Counts_do_not_depend_on_the_log_base()
    {
        var bits = 1 / Math.Log(2); // entropies in bits = nats / ln 2; the averages scale the same way
        foreach (var from in Enum.GetValues<ThresholdFrom>())
            Assert.Equal(
                LowExpressiveScore.Count(Pre(), Fine(), LowExpressiveScore.Threshold(Pre(), Fine(), from)),
                LowExpressiveScore.Count(Pre(bits), Fine(bits), LowExpressiveScore.Threshold(Pre(bits), Fine(bits), from)));
    }

    [Fact]
    public void Table_rows_put_the_papers_values_beside_ours()
    {
        var result = new LayerSelectionResult(Pre(), Fine());
        Assert.Equal(new TableIRow("pool4", 4, 1, "+1", 7763, "-57", 3009, "+194"), result.Table[0]);
        Assert.Equal(new TableIRow("pool5", 2, 0, "+1", 2011, "+511", 605, "+895"), result.Table[1]);
    }

    [Fact]
    public void Nets_analysed_at_different_layers_are_a_clear_error()
    {
        var other = new NetEntropies("fine-tuned", [new LayerEntropies("pool4", [0.1, 0.2, 0.3, 0.4], 3, 10, 0)], 10, ConvResponse.SpatialMax);
        var e = Assert.Throws<ArgumentException>(() => new LayerSelectionResult(Pre(), other));
        Assert.Contains("pre-trained pool4 (4), pool5 (2); fine-tuned pool4 (4)", e.Message);
    }

    [Fact]
    public void The_papers_table_i_is_kept_as_printed()
    {
        Assert.Equal(new PaperTableIRow("Fine-tuned (CK)", "-57", "+511", "+658", "+610"), PaperTableI.Rows[1]);
        Assert.Equal(new PaperTableIRow("Pre-trained (Oulu-CASIA)", "3009", "605", "48", "33"), PaperTableI.Rows[2]);
        // The numeric rows agree with the printed ones.
        var printed = PaperTableI.Rows.Select(r => new[] { r.Pool4, r.Pool5, r.FC6, r.FC7 }).ToArray();
        foreach (var (paper, row) in new[] { (PaperTableI.CkPlus, 0), (PaperTableI.OuluCasia, 2) })
        {
            Assert.Equal(printed[row], paper.PreTrained.Select(n => n.ToString()));
            Assert.Equal(printed[row + 1], paper.Change.Select(PaperTableI.Signed));
        }
        Assert.Equal((33, 1086), PaperTableI.OuluCasia.At("fc7"));
        Assert.Null(PaperTableI.CkPlus.At("conv5_3"));
    }
}
