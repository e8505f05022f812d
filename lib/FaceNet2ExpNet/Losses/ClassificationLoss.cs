using static TorchSharp.torch;

namespace FaceNet2ExpNet.Losses;

/// <summary>Eq. 5: softmax cross-entropy of class scores against integer labels, averaged over the batch.</summary>
public static class ClassificationLoss
{
    public static Tensor Compute(Tensor scores, Tensor labels)
    {
        if (scores.shape[0] != labels.shape[0])
            throw new ArgumentException($"Batch mismatch: {scores.shape[0]} score rows but {labels.shape[0]} labels.");
        return nn.functional.cross_entropy(scores, labels);
    }

    /// <summary>
    /// Classification mixup's loss (Zhang et al., ICLR 2018) for scores of blended images λᵢ·Iᵢ + (1 − λᵢ)·I_partner(i):
    /// the mean over the batch of λᵢ·CE(scoresᵢ, yᵢ) + (1 − λᵢ)·CE(scoresᵢ, y_partner(i)).
    /// </summary>
    /// <param name="scores">N × classes.</param>
    /// <param name="labels">N class indices (int64) of the unblended batch.</param>
    /// <param name="lambda">N weights in [0, 1] (<see cref="Data.Mixup.Draw"/>).</param>
    /// <param name="partners">N indices into the batch: whom each image was blended with.</param>
    public static Tensor Mixed(Tensor scores, Tensor labels, Tensor lambda, Tensor partners)
    {
        if (scores.shape[0] != labels.shape[0] || lambda.shape[0] != labels.shape[0] || partners.shape[0] != labels.shape[0])
            throw new ArgumentException($"Batch mismatch: {scores.shape[0]} score rows, {labels.shape[0]} labels, {lambda.shape[0]} λ, {partners.shape[0]} partners.");
        using var scope = NewDisposeScope();
        var own = nn.functional.cross_entropy(scores, labels, reduction: nn.Reduction.None);
        var partner = nn.functional.cross_entropy(scores, labels.index_select(0, partners), reduction: nn.Reduction.None);
        var l = lambda.to_type(own.dtype);
        return (l * own + (1 - l) * partner).mean().MoveToOuterDisposeScope();
    }
}
