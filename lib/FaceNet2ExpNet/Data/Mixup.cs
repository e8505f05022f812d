using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>
/// Mixup blends of a batch's images, λ·Iₐ + (1 − λ)·I_b with λ ~ Beta(α, α) per image and b a random permutation of the
/// batch — used by stage 1 as "function matching" (Beyer et al., "Knowledge distillation: a good teacher is patient and
/// consistent", CVPR 2022): student and frozen teacher see the same blend, so stage 1 regresses the teacher on images
/// between the training faces, not only on the faces. Not in the FN2EN paper (its stage 1 sees crop + flip only).
/// Labels are not blended: stage 1 uses none.
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
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentException($"Mixup needs a finite α > 0, got {alpha}.");
        if (images.dim() != 4) throw new ArgumentException($"Mixup blends a batch N × 3 × H × W, got [{string.Join(", ", images.shape)}].");
        using var scope = NewDisposeScope();
        var n = images.shape[0];
        var concentration = full(n, alpha, ScalarType.Float32);
        var lambda = distributions.Beta(concentration, concentration).sample().to(images.device).view(n, 1, 1, 1);
        var x = images.to_type(ScalarType.Float32);
        var partners = x.index_select(0, randperm(n).to(images.device));
        return (lambda * x + (1 - lambda) * partners).contiguous().MoveToOuterDisposeScope();
    }
}
