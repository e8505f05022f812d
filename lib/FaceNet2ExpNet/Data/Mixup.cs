using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>
/// Mixup blends of a batch's images, λ·Iₐ + (1 − λ)·I_b with λ ~ Beta(α, α) per image and b a random permutation of the
/// batch — used by stage 1 as "function matching" (Beyer et al., "Knowledge distillation: a good teacher is patient and
/// consistent", CVPR 2022): student and frozen teacher see the same blend, so stage 1 regresses the teacher on images
/// between the training faces, not only on the faces; and by stage 2 with <c>stage2.mixup</c> as classification mixup
/// (Zhang et al., "mixup: Beyond empirical risk minimization", ICLR 2018), whose loss blends the two labels' cross-entropies
/// by the same λ (<see cref="Losses.ClassificationLoss.Mixed"/>). Not in the FN2EN paper (it sees crop + flip only).
/// </summary>
public static class Mixup
{
    /// <summary>
    /// Blends <paramref name="images"/> (N × 3 × H × W, normalised, any memory format) with a permutation of itself.
    /// Draws from torch's generator (seeded by the trainer), so a seeded run blends the same way each time.
    /// </summary>
    /// <param name="alpha">Beta(α, α)'s parameter; 1 draws λ uniformly from [0, 1].</param>
    /// <returns>N × 3 × H × W in fp32, contiguous (NCHW); the caller puts it in its compute layout.</returns>
    /// <exception cref="ArgumentException">α not positive and finite, or images not a 4-d batch.</exception>
    public static Tensor Blend(Tensor images, double alpha)
    {
        using var scope = NewDisposeScope();
        var (lambda, partners) = Draw(images, alpha);
        return Blend(images, lambda, partners).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One draw for a batch of <paramref name="images"/> (N × …): λ (N, fp32, in [0, 1]) and each image's partner
    /// (N, int64, a random permutation of 0 … N − 1), on the images' device, from torch's seeded generator.
    /// </summary>
    /// <exception cref="ArgumentException">α not positive and finite, or images not a 4-d batch.</exception>
    public static (Tensor Lambda, Tensor Partners) Draw(Tensor images, double alpha)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentException($"Mixup needs a finite α > 0, got {alpha}.");
        if (images.dim() != 4) throw new ArgumentException($"Mixup blends a batch N × 3 × H × W, got [{string.Join(", ", images.shape)}].");
        var n = images.shape[0];
        using var concentration = full(n, alpha, ScalarType.Float32);
        return (distributions.Beta(concentration, concentration).sample().to(images.device), randperm(n).to(images.device));
    }

    /// <summary>λᵢ·Iᵢ + (1 − λᵢ)·I_partner(i): N × 3 × H × W in fp32, contiguous (NCHW).</summary>
    public static Tensor Blend(Tensor images, Tensor lambda, Tensor partners)
    {
        using var scope = NewDisposeScope();
        var x = images.to_type(ScalarType.Float32);
        var l = lambda.view(-1, 1, 1, 1);
        return (l * x + (1 - l) * x.index_select(0, partners)).contiguous().MoveToOuterDisposeScope();
    }
}
