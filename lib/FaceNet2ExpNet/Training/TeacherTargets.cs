using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Stage 1's regression targets G(I) (eq. 4), computed once: the face net is frozen in stage 1, so its output for an
/// image view never changes. Each training image gets a fixed set of random crop + flip views (the paper's augmentation,
/// Sec. IV-A, drawn once per image instead of on every step); the teacher runs once per view, and every stage-1 step
/// draws one of each image's views and reads its target here instead of running the teacher. Maps are held in bfloat16
/// (N × views × C × H × W; relative rounding 2⁻⁹, far below what stage 1 leaves unexplained) on the CPU.
/// </summary>
public sealed class TeacherTargets : IDisposable
{
    private readonly Tensor maps;   // N×V×C×H×W, bf16
    private readonly View[] views;  // [i·V + v]

    private TeacherTargets(Tensor maps, View[] views, int crop, FeatureShape shape)
    {
        (this.maps, this.views, Crop, Shape) = (maps, views, crop, shape);
        Count = (int)maps.shape[0];
        Views = (int)maps.shape[1];
    }

    /// <summary>Training images covered.</summary>
    public int Count { get; }
    /// <summary>Views per image.</summary>
    public int Views { get; }
    /// <summary>Crop side of every view.</summary>
    public int Crop { get; }
    /// <summary>Shape of one target map.</summary>
    public FeatureShape Shape { get; }

    /// <summary>The view <paramref name="v"/> of image <paramref name="i"/> (position in the training set).</summary>
    public View ViewOf(int i, int v) => views[i * Views + v];

    /// <summary>The target of view <paramref name="v"/> of image <paramref name="i"/>: 1×C×H×W, fp32.</summary>
    public Tensor Target(int i, int v) => maps[i][v].unsqueeze(0).to(ScalarType.Float32);

    /// <summary>
    /// Runs the frozen <paramref name="teacher"/> (eval mode, no gradients, at <paramref name="compute"/>'s precision) on
    /// <paramref name="views"/> random crop + flip views of each image of <paramref name="images"/>, drawn from
    /// <paramref name="seed"/> (the same seed gives the same views), and keeps its <paramref name="layer"/> output.
    /// </summary>
    /// <exception cref="ArgumentException">No images, fewer than one view, or the teacher has no such layer.</exception>
    public static TeacherTargets Compute(IFaceNet teacher, string layer, ImageSet images, int crop, int views, int seed,
        Normalization normalization, int batchSize, Device? device, ComputeFormat compute, IProgress<string>? progress = null)
    {
        if (images.Count == 0) throw new ArgumentException("Teacher targets need at least one training image.");
        if (views < 1) throw new ArgumentException($"Teacher targets need at least one view per image, got {views}.");
        teacher.Module.eval();
        compute.PreparedFor(teacher.Module);
        var rng = new Random(seed);
        var all = new View[images.Count * views];
        for (var i = 0; i < all.Length; i++) all[i] = Transforms.RandomView(images.Size, crop, rng);
        Tensor? maps = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            for (var v = 0; v < views; v++)
            for (var from = 0; from < images.Count; from += batchSize)
            {
                var count = Math.Min(batchSize, images.Count - from);
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var indices = Enumerable.Range(from, count).ToArray();
                var batch = compute.Layout(images.MakeBatch(indices, indices.Select(i => all[i * views + v]).ToArray(), crop, normalization));
                var input = device is null || device.type == DeviceType.CPU ? batch.Images : batch.Images.to(device);
                Tensor output;
                using (compute.Region(device)) output = TeacherLayer.Of(teacher, input, layer);
                output = output.to(ScalarType.BFloat16).cpu().contiguous();
                maps ??= zeros([images.Count, views, output.shape[1], output.shape[2], output.shape[3]], ScalarType.BFloat16).DetachFromDisposeScope();
                maps.narrow(0, from, count).select(1, v).copy_(output);
            }
            var done = maps!;   // images.Count > 0 (checked above), so the loop made it
            progress?.Report($"teacher targets: {views} views × {images.Count} images = {views * images.Count} maps " +
                             $"{done.shape[2]}×{done.shape[3]}×{done.shape[4]} ({done.NumberOfElements * 2 / 1e6:F0} MB) in {clock.Elapsed.TotalSeconds:F0} s");
            return new TeacherTargets(done, all, crop, new FeatureShape((int)done.shape[2], (int)done.shape[3], (int)done.shape[4]));
        }
        catch
        {
            maps?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A training batch: each image at <paramref name="indices"/> in one of its views drawn with <paramref name="rng"/>,
    /// normalised, with that view's target (fp32) in <see cref="Batch.Targets"/>.
    /// </summary>
    public Batch Batch(ImageSet images, IReadOnlyList<int> indices, Normalization normalization, Random rng)
    {
        var chosen = indices.Select(i => i * Views + rng.Next(Views)).ToArray();
        using var scope = NewDisposeScope();
        var batch = images.MakeBatch(indices, chosen.Select(c => views[c]).ToArray(), Crop, normalization);
        var flat = maps.view(Count * Views, Shape.Channels, Shape.Height, Shape.Width);
        var targets = flat.index_select(0, tensor(chosen.Select(c => (long)c).ToArray())).to(ScalarType.Float32);
        return new Batch(batch.Images.MoveToOuterDisposeScope(), batch.Labels.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope());
    }

    /// <summary>μ and s of the targets over every image and view (<see cref="TeacherStandardization"/>).</summary>
    public TeacherStandardization Standardization()
    {
        using var scope = NewDisposeScope();
        var flat = maps.view(Count * Views, Shape.Channels, Shape.Height, Shape.Width);
        var sum = zeros([1, Shape.Channels, Shape.Height, Shape.Width], ScalarType.Float64);
        var sumOfSquares = zeros([1, Shape.Channels, Shape.Height, Shape.Width], ScalarType.Float64);
        for (var from = 0; from < flat.shape[0]; from += 256)
        {
            var part = flat.narrow(0, from, Math.Min(256, flat.shape[0] - from)).to(ScalarType.Float64);
            sum.add_(part.sum(0, keepdim: true));
            sumOfSquares.add_(part.square().sum(0, keepdim: true));
        }
        var n = (double)flat.shape[0];
        var mean = sum / n;
        var variance = (sumOfSquares / n - mean.square()).clamp_min(0).mean().item<double>();
        return new TeacherStandardization(mean.to(ScalarType.Float32).DetachFromDisposeScope(), Math.Sqrt(variance));
    }

    public void Dispose() => maps.Dispose();
}
