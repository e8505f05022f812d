using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Analysis;

/// <summary>
/// Sec. III-C, "Which layer to transfer?": neuron entropies at pool4, pool5, fc6, fc7 of the pre-trained face net and
/// of the face net fine-tuned on expressions, the entropy histograms (Fig. 3) and the LES counts (Table I).
/// </summary>
public static class LayerSelection
{
    /// <summary>
    /// Measures both nets on <paramref name="expressions"/> (one pass each, top <paramref name="k"/> per neuron; all
    /// images when fewer) and counts LES neurons against the threshold chosen by <paramref name="threshold"/>.
    /// </summary>
    /// <param name="conv">What a conv neuron and its response are (default: a channel's spatial maximum).</param>
    /// <param name="layers">Taps to analyse (default: all of the nets' taps).</param>
    /// <param name="normalization">Pixel normalisation the nets were trained with (default: Standard).</param>
    /// <param name="bins">Histogram bins over [0, ln classes] for Fig. 3.</param>
    public static LayerSelectionResult Run(IFaceNet preTrained, IFaceNet fineTuned, ImageSet expressions, int k = 100,
        ConvResponse conv = ConvResponse.SpatialMax, ThresholdFrom threshold = ThresholdFrom.BothNets,
        IReadOnlyList<string>? layers = null, Normalization? normalization = null, int batchSize = 64, int bins = 30)
    {
        layers ??= preTrained.TapNames;
        var missing = layers.Except(fineTuned.TapNames).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The fine-tuned net has no tap {string.Join(", ", missing)}; its taps are {string.Join(", ", fineTuned.TapNames)}.");
        var pre = NetEntropies.Measure(preTrained, expressions, k, conv, layers, normalization, batchSize, "pre-trained");
        var fine = NetEntropies.Measure(fineTuned, expressions, k, conv, layers, normalization, batchSize, "fine-tuned");
        return new LayerSelectionResult(pre, fine, threshold, bins);
    }
}
