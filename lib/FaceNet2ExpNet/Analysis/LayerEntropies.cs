namespace FaceNet2ExpNet.Analysis;

/// <summary>
/// The neuron entropies of one layer of one net (one panel-half of Fig. 3): entropy of each neuron's top-K label
/// histogram, in nats.
/// </summary>
/// <param name="Layer">Tap name (pool4, pool5, fc6, fc7).</param>
/// <param name="Entropies">One entropy per neuron (nats, 0…ln Classes).</param>
/// <param name="Classes">Number of expression classes (histogram bins).</param>
/// <param name="K">Images per neuron actually binned: min(requested K, images).</param>
/// <param name="Silent">Neurons whose response was exactly 0 on every image (their histogram is the class prior).</param>
public sealed record LayerEntropies(string Layer, double[] Entropies, int Classes, int K, int Silent)
{
    public int Neurons => Entropies.Length;
    /// <summary>The layer-average entropy; the LES threshold is the minimum of these over the layers.</summary>
    public double Average => Entropies.Average();
    /// <summary>ln(Classes), the entropy of a neuron whose top K are spread evenly over all expressions.</summary>
    public double MaxEntropy => Math.Log(Classes);
    /// <summary>Neurons with entropy strictly below <paramref name="threshold"/> ("lower than", Sec. III-C).</summary>
    public int CountBelow(double threshold) => Entropies.Count(h => h < threshold);

    public override string ToString() =>
        $"{Layer}: {Neurons} neurons, mean entropy {Average:F3} nats (max ln {Classes} = {MaxEntropy:F3}), K = {K}, {Silent} silent";
}
