using static TorchSharp.torch;

namespace FaceNet2ExpNet.Analysis;

/// <summary>
/// What a "neuron" of a convolutional tap is, and how one image's response of it is read off the feature map (Sec. III-C).
/// </summary>
public enum ConvResponse
{
    /// <summary>A neuron is a channel; its response is the maximum over spatial positions (the paper ranks images "by
    /// the maximum response values"). The default.</summary>
    SpatialMax,
    /// <summary>A neuron is a channel; its response is the mean over spatial positions.</summary>
    SpatialMean,
    /// <summary>A neuron is one element of the blob (channel × row × column), as a Caffe blob counts units. Table I's
    /// counts (7763 LES neurons in pool4, which has 512 channels) are only possible with this reading.</summary>
    EachPosition,
}

/// <summary>One response per neuron and image, from a tap's output (Sec. III-C).</summary>
public static class NeuronResponses
{
    /// <summary>
    /// B×N responses from a tap: FC taps (B×N) as they are; conv taps (B×C×H×W) reduced per <paramref name="conv"/> to
    /// B×C (<see cref="ConvResponse.SpatialMax"/>, <see cref="ConvResponse.SpatialMean"/>) or B×(C·H·W)
    /// (<see cref="ConvResponse.EachPosition"/>).
    /// </summary>
    public static Tensor Reduce(Tensor tap, ConvResponse conv = ConvResponse.SpatialMax)
    {
        switch (tap.dim())
        {
            case 2: return tap.alias();
            case 4:
                return conv switch
                {
                    ConvResponse.SpatialMax => tap.amax([2, 3]),
                    ConvResponse.SpatialMean => tap.mean([2, 3]),
                    ConvResponse.EachPosition => tap.flatten(1),
                    _ => throw new ArgumentOutOfRangeException(nameof(conv), conv, "unknown conv response"),
                };
            default:
                throw new ArgumentException(
                    $"A tap must be B×N (fully connected) or B×C×H×W (convolutional), got [{string.Join(", ", tap.shape)}].");
        }
    }
}
