using static TorchSharp.torch;

namespace FaceNet2ExpNet.Analysis;

/// <summary>
/// The expression sensitivity of a neuron (Sec. III-C): its top-K images binned by expression label, the histogram
/// normalised to sum to 1, and its entropy H(x) = −Σᵢ p(i) ln p(i). Natural log, so H is in nats and lies in
/// [0, ln(classes)]; the LES counts do not depend on the base, because the threshold is an average of the same
/// entropies and scales with them. A neuron whose top K are all one expression has H = 0.
/// </summary>
public static class NeuronEntropy
{
    /// <summary>
    /// Neurons × Classes normalised label histograms of the top K. When the K-th response is exactly 0, the images
    /// with response 0 tie for the remaining slots: those slots are spread over the labels of all 0-response images
    /// (the expected histogram under a random tie-break), so a neuron that never fires gets the class prior, not the
    /// labels of whichever images came first.
    /// </summary>
    public static Tensor Histograms(TopKResponses top)
    {
        if (top.Images == 0) throw new InvalidOperationException("No images were added: there is no top K to bin.");
        using var scope = NewDisposeScope();
        var k = top.Values.shape[1];
        var kth = top.Values.select(1, k - 1).unsqueeze(1);
        var tied = top.Values.eq(0).logical_and(kth.eq(0));
        var weights = tied.logical_not().to(ScalarType.Float64);
        var counts = zeros([top.Neurons, top.Classes], ScalarType.Float64, top.Values.device).scatter_add(1, top.Labels, weights);
        var zeroShare = top.ZeroCounts / top.ZeroCounts.sum(1, keepdim: true).clamp_min(1);
        counts = counts + tied.sum(1, keepdim: true).to(ScalarType.Float64) * zeroShare;
        return (counts / k).MoveToOuterDisposeScope();
    }

    /// <summary>Row-wise entropy −Σ p ln p of normalised histograms (0 ln 0 = 0), in nats.</summary>
    public static Tensor Entropy(Tensor p)
    {
        using var scope = NewDisposeScope();
        var p64 = p.to(ScalarType.Float64);
        return (-(p64 * p64.clamp_min(1e-300).log()).sum(1)).MoveToOuterDisposeScope();
    }

    /// <summary>The entropy of every neuron's top-K label histogram, in nats.</summary>
    public static double[] Of(TopKResponses top)
    {
        using var scope = NewDisposeScope();
        return Entropy(Histograms(top)).cpu().data<double>().ToArray();
    }

    /// <summary>Neurons that never responded (response exactly 0 on every image).</summary>
    public static int Silent(TopKResponses top)
    {
        using var scope = NewDisposeScope();
        return (int)top.ZeroCounts.sum(1).eq(top.Images).sum().item<long>();
    }
}
