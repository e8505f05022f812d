using FaceNet2ExpNet.Reporting;
using Plotly.NET;

namespace FaceNet2ExpNet.Analysis;

/// <summary>What <see cref="LayerSelection.Run"/> finds: both nets' neuron entropies, the LES threshold and counts,
/// and their displays (Table I beside the paper's, Fig. 3).</summary>
public sealed class LayerSelectionResult
{
    public NetEntropies PreTrained { get; }
    public NetEntropies FineTuned { get; }
    /// <summary>The threshold each net was counted against, and whose layer averages defined it.</summary>
    public LesThreshold Threshold { get; }
    /// <summary>LES neurons per layer, both nets.</summary>
    public IReadOnlyList<LesCount> Counts { get; }
    /// <summary>Table I: per layer, our pre-trained count and fine-tuned change beside the paper's CK+ and Oulu-CASIA.</summary>
    public IReadOnlyList<TableIRow> Table { get; }
    /// <summary>Fig. 3: one chart per layer, pre-trained (red) vs fine-tuned (blue) entropy histograms.</summary>
    public IReadOnlyList<GenericChart> Histograms => histograms.Value;
    /// <summary>Fig. 3 as one figure, the layers side by side (interactive chart, PNG and the numbers as text).</summary>
    public ChartFigure Figure3 => figure.Value;

    private readonly Lazy<IReadOnlyList<GenericChart>> histograms;
    private readonly Lazy<ChartFigure> figure;

    public LayerSelectionResult(NetEntropies preTrained, NetEntropies fineTuned, ThresholdFrom from = ThresholdFrom.BothNets, int bins = 30)
    {
        LowExpressiveScore.CheckSameLayers(preTrained, fineTuned);
        (PreTrained, FineTuned) = (preTrained, fineTuned);
        Threshold = LowExpressiveScore.Threshold(preTrained, fineTuned, from);
        Counts = LowExpressiveScore.Count(preTrained, fineTuned, Threshold);
        Table = TableIRow.From(Counts);
        // One line in the title only when both nets share the threshold.
        double? line = from == ThresholdFrom.EachNet ? null : Threshold.PreTrained;
        var pairs = preTrained.Layers.Zip(fineTuned.Layers).ToList();
        histograms = new(() => pairs.Select(p => EntropyHistograms.Layer(p.First, p.Second, line, bins)).ToList());
        figure = new(() => EntropyHistograms.Figure(pairs, line, bins));
    }

    public override string ToString() =>
        $"{Threshold}{Environment.NewLine}{PreTrained}{Environment.NewLine}{FineTuned}{Environment.NewLine}" +
        string.Join(Environment.NewLine, Table);
}
