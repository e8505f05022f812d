using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Losses;

/// <summary>
/// The stage-1 target in standard units: (G(I) − μ) / s, where μ (C×H×W) is the teacher map's mean over the training
/// images and s the root-mean-square of G − μ (one number), both measured once with the frozen teacher on centre crops.
/// <para>Why: a real face net's last conv map is mostly the same for every face (face-api's conv256: ~95 % of its energy
/// is μ), and its scale depends on the net (and grows when the face net is fine-tuned badly). Regressed raw, eq. 4 is
/// dominated by μ: stage 1 learns the mean map and nothing image-specific (validation FVU 1.09), and stage 2's FC-256
/// receives a large, nearly constant input whose units all die. The standardised target keeps eq. 4's minimiser — s is
/// one constant factor and μ a fixed offset, which the linear bridge and stage 2's FC-256 absorb — while the loss now
/// measures only the image-specific part, at unit scale for every face net.</para>
/// </summary>
public sealed class TeacherStandardization : IDisposable
{
    /// <summary>μ, the teacher map's mean over the images (1×C×H×W).</summary>
    public Tensor Mean { get; }
    /// <summary>s, the root-mean-square of G − μ over images and elements.</summary>
    public double Scale { get; }

    public TeacherStandardization(Tensor mean, double scale)
    {
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new ArgumentException($"Teacher map scale {scale} must be positive and finite (a teacher whose map is the same for every image cannot supervise stage 1).");
        Mean = mean;
        Scale = scale;
    }

    /// <summary>
    /// Measures μ and s of <paramref name="teacher"/>'s <paramref name="layer"/> (<see cref="TeacherLayer"/>, default
    /// pool5) over <paramref name="images"/> (centre crops, eval mode, no gradients).
    /// </summary>
    public static TeacherStandardization Measure(IFaceNet teacher, ImageSet images, int crop, Normalization normalization,
        int batchSize = 64, Device? device = null, string layer = TeacherLayer.Pool5)
    {
        if (images.Count < 2) throw new ArgumentException($"Measuring the teacher's map needs at least 2 images, got {images.Count}.");
        teacher.Module.eval();
        var shape = TeacherLayer.Shape(teacher, layer, crop);
        // One pass: per-element sums of G and G² in float64, so the large common component costs no precision when
        // the residual's energy is taken as Σ(G²)/N − μ² (the teacher's forward dominates; it runs once per image).
        using var sum = zeros([1, shape.Channels, shape.Height, shape.Width], ScalarType.Float64);
        using var sumOfSquares = zeros([1, shape.Channels, shape.Height, shape.Width], ScalarType.Float64);
        Evaluation.ForEachBatch(images, crop, normalization, batchSize, device, (batch, _) =>
        {
            var map = TeacherLayer.Of(teacher, batch.Images, layer).to(ScalarType.Float64).cpu();
            sum.add_(map.sum(0, keepdim: true));
            sumOfSquares.add_(map.square().sum(0, keepdim: true));
        });
        using var mean64 = sum / images.Count;
        var variance = (sumOfSquares / images.Count - mean64.square()).clamp_min(0).mean().item<double>();
        return new TeacherStandardization(mean64.to(ScalarType.Float32), Math.Sqrt(variance));
    }

    /// <summary>(G − μ) / s for a batch of teacher maps (B×C×H×W).</summary>
    public Tensor Apply(Tensor teacherMap)
    {
        using var scope = NewDisposeScope();
        return ((teacherMap - Mean.to(teacherMap.device)) / Scale).MoveToOuterDisposeScope();
    }

    public void Dispose() => Mean.Dispose();
}
