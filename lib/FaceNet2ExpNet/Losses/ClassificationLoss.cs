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
}
