using static TorchSharp.torch;

namespace FaceNet2ExpNet.Losses;

/// <summary>
/// Eq. 4: ‖g(I) − G(I)‖ₚᵖ, summed over all features of an image and averaged over the batch. It is the negative
/// log-likelihood of the distribution in eq. 3 (up to log Cₚ); p = 2 is the paper's default.
/// </summary>
public sealed class FeatureRegressionLoss
{
    public double P { get; }

    public FeatureRegressionLoss(double p = 2)
    {
        if (!(p >= 1) || double.IsInfinity(p)) throw new ArgumentException($"FeatureRegressionLoss needs a finite p ≥ 1, got {p}.");
        P = p;
    }

    /// <param name="expNetFeatures">g(I), batch × C × H × W, from the expression net.</param>
    /// <param name="faceNetFeatures">G(I), same shape, from the frozen face net (no gradient flows into it).</param>
    public Tensor Compute(Tensor expNetFeatures, Tensor faceNetFeatures)
    {
        if (!expNetFeatures.shape.SequenceEqual(faceNetFeatures.shape))
            throw new ArgumentException(
                $"Feature regression needs equal shapes: ExpNet gives [{string.Join(", ", expNetFeatures.shape)}], " +
                $"the face net [{string.Join(", ", faceNetFeatures.shape)}].");
        using var scope = NewDisposeScope();
        // In fp32 whatever the features' precision (bf16 under autocast): a bf16 sum over 25k features per image keeps ~3 digits.
        var diff = (expNetFeatures.to_type(ScalarType.Float32) - faceNetFeatures.detach().to_type(ScalarType.Float32)).abs();
        var perElement = P == 2 ? diff.square() : P == 1 ? diff : diff.pow(P);
        var batch = expNetFeatures.shape[0];
        return (perElement.sum() / batch).MoveToOuterDisposeScope();
    }
}
