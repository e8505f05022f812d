namespace FaceNet2ExpNet.Analysis;

/// <summary>
/// Whose layer averages define the low-expressive-score threshold. The paper: "low expressive score is the entropy
/// lower than the minimum average entropy score among the four selected layers" (Sec. III-C), without saying which net.
/// </summary>
public enum ThresholdFrom
{
    /// <summary>One threshold for both nets: the minimum of all eight layer averages (default). Table I's "+n" are
    /// differences, which compare counts only against a common bar; and Table I's pre-trained counts (0.8–8 % of each
    /// layer) are far too few for a bar at the pre-trained net's own averages. In the paper's regime the fine-tuned net
    /// has the lower averages, so this equals <see cref="FineTuned"/>.</summary>
    BothNets,
    /// <summary>One threshold for both nets: the minimum of the pre-trained net's layer averages.</summary>
    PreTrained,
    /// <summary>One threshold for both nets: the minimum of the fine-tuned net's layer averages.</summary>
    FineTuned,
    /// <summary>Each net is counted against the minimum of its own layer averages.</summary>
    EachNet,
}

/// <summary>The LES thresholds used for each net (equal unless <see cref="ThresholdFrom.EachNet"/>), in nats.</summary>
public sealed record LesThreshold(ThresholdFrom From, double PreTrained, double FineTuned)
{
    public override string ToString() => From == ThresholdFrom.EachNet
        ? $"LES threshold (each net's own minimum layer-average entropy): pre-trained {PreTrained:F3}, fine-tuned {FineTuned:F3} nats"
        : $"LES threshold ({From}): {PreTrained:F3} nats";
}

/// <summary>Table I for one layer: the number of LES neurons of both nets.</summary>
public sealed record LesCount(string Layer, int Neurons, int PreTrained, int FineTuned)
{
    /// <summary>Fine-tuned minus pre-trained: Table I's "Fine-tuned" row.</summary>
    public int Change => FineTuned - PreTrained;
}

/// <summary>Low-expressive-score (LES) neurons (Sec. III-C, Table I): entropy below the minimum layer-average entropy.</summary>
public static class LowExpressiveScore
{
    /// <summary>The minimum over the analysed layers of the layer-average entropy of one net.</summary>
    public static double MinimumAverage(NetEntropies net) => net.Layers.Min(l => l.Average);

    /// <summary>The threshold for each net, from the layer averages named by <paramref name="from"/>.</summary>
    public static LesThreshold Threshold(NetEntropies preTrained, NetEntropies fineTuned, ThresholdFrom from = ThresholdFrom.BothNets)
    {
        double pre = MinimumAverage(preTrained), fine = MinimumAverage(fineTuned);
        return from switch
        {
            ThresholdFrom.BothNets => new(from, Math.Min(pre, fine), Math.Min(pre, fine)),
            ThresholdFrom.PreTrained => new(from, pre, pre),
            ThresholdFrom.FineTuned => new(from, fine, fine),
            ThresholdFrom.EachNet => new(from, pre, fine),
            _ => throw new ArgumentOutOfRangeException(nameof(from), from, "unknown threshold source"),
        };
    }

    /// <summary>LES counts per layer for both nets (the layers must match by name and size).</summary>
    public static IReadOnlyList<LesCount> Count(NetEntropies preTrained, NetEntropies fineTuned, LesThreshold threshold)
    {
        CheckSameLayers(preTrained, fineTuned);
        return preTrained.Layers.Zip(fineTuned.Layers, (p, f) =>
            new LesCount(p.Layer, p.Neurons, p.CountBelow(threshold.PreTrained), f.CountBelow(threshold.FineTuned))).ToList();
    }

    /// <summary>Fails unless both nets were analysed at the same layers with the same numbers of neurons.</summary>
    public static void CheckSameLayers(NetEntropies preTrained, NetEntropies fineTuned)
    {
        string Describe(NetEntropies n) => string.Join(", ", n.Layers.Select(l => $"{l.Layer} ({l.Neurons})"));
        var same = preTrained.Layers.Count == fineTuned.Layers.Count && preTrained.Layers.Zip(fineTuned.Layers)
            .All(p => p.First.Layer == p.Second.Layer && p.First.Neurons == p.Second.Neurons);
        if (!same)
            throw new ArgumentException(
                $"The pre-trained and fine-tuned nets must be analysed at the same layers with the same neurons: " +
                $"pre-trained {Describe(preTrained)}; fine-tuned {Describe(fineTuned)}.");
    }
}
