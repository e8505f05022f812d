using static TorchSharp.torch;

namespace FaceNet2ExpNet.Analysis;

/// <summary>
/// The running top K responses of every neuron of one layer, with the expression labels of those images, kept batch by
/// batch (Sec. III-C): the running top K and the new batch are concatenated and the top K taken again, so memory is
/// neurons × K whatever the number of images. Also counts, per neuron and class, the images whose response is exactly 0
/// (a ReLU that did not fire): those images tie, and <see cref="NeuronEntropy"/> spreads the top-K slots they share
/// over their labels instead of letting the tie-break (image order) decide.
/// </summary>
public sealed class TopKResponses : IDisposable
{
    /// <summary>Requested K (the paper: 100).</summary>
    public int K { get; }
    public long Neurons { get; }
    /// <summary>Number of expression classes (label bins).</summary>
    public int Classes { get; }
    /// <summary>Images seen so far.</summary>
    public int Images { get; private set; }
    /// <summary>Neurons × min(K, Images) responses, each row in descending order.</summary>
    public Tensor Values { get; private set; }
    /// <summary>Neurons × min(K, Images) int64 expression labels of the images in <see cref="Values"/>.</summary>
    public Tensor Labels { get; private set; }
    /// <summary>Neurons × Classes (float64): images per class whose response was exactly 0.</summary>
    public Tensor ZeroCounts { get; private set; }

    public TopKResponses(long neurons, int k, int classes, Device? device = null)
    {
        if (k < 1) throw new ArgumentException($"K must be at least 1, got {k}.");
        if (classes < 1) throw new ArgumentException($"Need at least one class, got {classes}.");
        (Neurons, K, Classes) = (neurons, k, classes);
        Values = empty([neurons, 0], ScalarType.Float32, device).DetachFromDisposeScope();
        Labels = empty([neurons, 0], ScalarType.Int64, device).DetachFromDisposeScope();
        ZeroCounts = zeros([neurons, classes], ScalarType.Float64, device).DetachFromDisposeScope();
    }

    /// <summary>Merges one batch: <paramref name="responses"/> B×Neurons, <paramref name="labels"/> B class indices.</summary>
    public void Add(Tensor responses, Tensor labels)
    {
        if (responses.dim() != 2 || responses.shape[1] != Neurons)
            throw new ArgumentException($"Expected B×{Neurons} responses, got [{string.Join(", ", responses.shape)}].");
        var batch = responses.shape[0];
        if (labels.dim() != 1 || labels.shape[0] != batch)
            throw new ArgumentException($"Expected {batch} labels, got [{string.Join(", ", labels.shape)}].");
        if (batch == 0) return;
        using (var scope = NewDisposeScope())
        {
            var device = Values.device;
            var r = responses.to(ScalarType.Float32).to(device);
            var l = labels.to(ScalarType.Int64).to(device);
            var (lo, hi) = (l.min().item<long>(), l.max().item<long>());
            if (lo < 0 || hi >= Classes)
                throw new ArgumentException($"Labels must be class indices 0…{Classes - 1}, found {(lo < 0 ? lo : hi)}.");

            var values = cat([Values, r.t()], 1);
            var imageLabels = cat([Labels, l.unsqueeze(0).expand(Neurons, batch)], 1);
            var k = (int)Math.Min(K, values.shape[1]);
            var (top, index) = values.topk(k, dim: 1, largest: true, sorted: true);
            var topLabels = imageLabels.gather(1, index);
            var oneHot = nn.functional.one_hot(l, Classes).to(ScalarType.Float64);
            var zeros = ZeroCounts + r.eq(0).to(ScalarType.Float64).t().matmul(oneHot);

            Values.Dispose(); Labels.Dispose(); ZeroCounts.Dispose();
            Values = top.contiguous().DetachFromDisposeScope();
            Labels = topLabels.contiguous().DetachFromDisposeScope();
            ZeroCounts = zeros.DetachFromDisposeScope();
        }
        Images += (int)batch;
    }

    public void Dispose()
    {
        Values.Dispose();
        Labels.Dispose();
        ZeroCounts.Dispose();
    }
}
