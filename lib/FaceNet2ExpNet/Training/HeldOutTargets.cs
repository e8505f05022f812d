using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// The teacher's stage-1 targets for held-out images (the fold's test or validation images, centre crops), computed
/// once, to measure how well stage 1's ExpNet reproduces the teacher on faces it never saw: the fraction of variance
/// unexplained, FVU = Σ‖g(I) − t(I)‖² / Σ‖t(I) − t̄‖², with t the target as stage 1 regresses it (G(I), or
/// (G(I) − μ)/s when standardised) and t̄ its mean over the training images (μ, or 0). 0 = the teacher reproduced,
/// 1 = no better than predicting the training mean map.
/// </summary>
public sealed class HeldOutTargets : IDisposable
{
    private readonly Tensor targets;   // N×C×H×W fp32, in the regressed space
    private readonly Tensor centre;    // 1×C×H×W: the training mean in that space
    private readonly ImageSet images;
    private readonly int crop;
    private readonly Device? device;
    private readonly ComputeFormat compute;

    private HeldOutTargets(Tensor targets, Tensor centre, ImageSet images, int crop, Device? device, ComputeFormat compute) =>
        (this.targets, this.centre, this.images, this.crop, this.device, this.compute) = (targets, centre, images, crop, device, compute);

    /// <param name="training">μ and s of the teacher over the training images.</param>
    /// <param name="standardized">Stage 1 regresses (G − μ)/s (else G itself).</param>
    public static HeldOutTargets Compute(IFaceNet teacher, string layer, ImageSet images, int crop, TeacherStandardization training, bool standardized,
        int batchSize, Device? device, ComputeFormat compute)
    {
        teacher.Module.eval();
        compute.PreparedFor(teacher.Module);
        var parts = new List<Tensor>();
        try
        {
            Evaluation.ForEachBatch(images, crop, Normalization.Standard, batchSize, device,
                (batch, _) => parts.Add(TeacherLayer.Of(teacher, batch.Images, layer).to(ScalarType.Float32).cpu().DetachFromDisposeScope()), compute);
            using var raw = cat(parts, 0);
            var targets = standardized ? training.Apply(raw) : raw.clone();
            var centre = standardized ? zeros_like(training.Mean) : training.Mean.clone();
            return new HeldOutTargets(targets, centre, images, crop, device, compute);
        }
        finally { foreach (var p in parts) p.Dispose(); }
    }

    /// <summary>FVU of <paramref name="expNet"/>'s g(I) on these images (eval mode, no gradients).</summary>
    public double Fvu(ExpNet expNet)
    {
        var training = expNet.training;
        expNet.eval();
        double residual = 0, total = 0;
        Evaluation.ForEachBatch(images, crop, Normalization.Standard, 64, device, (batch, from) =>
        {
            var g = expNet.Features(batch.Images).to(ScalarType.Float64).cpu();
            var t = targets.narrow(0, from, g.shape[0]).to(ScalarType.Float64);
            residual += (g - t).square().sum().item<double>();
            total += (t - centre.to(ScalarType.Float64)).square().sum().item<double>();
        }, compute);
        if (training) expNet.train();
        return total > 0 ? residual / total : double.NaN;
    }

    public void Dispose()
    {
        targets.Dispose();
        centre.Dispose();
    }
}
