using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>Stage 1's cached teacher targets (the cpu profile's speed path) against the live teacher on the very same crops.</summary>
[Collection(TorchRng.Collection)]
public sealed class TeacherTargetsTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly ImageSet images;
    private readonly IFaceNet teacher;

    public TeacherTargetsTests()
    {
        images = TinyDataset.Create(dir["tiny"], subjects: 2, perSubjectPerClass: 1, size: 56, folds: 2).Load(56);   // 6 images
        teacher = FaceNets.Create(FaceNets.FaceApiResNetName, 3, new NetworkSize(48));   // the real pretrained net
        teacher.Module.eval();
    }

    public void Dispose()
    {
        teacher.Module.Dispose();
        images.Dispose();
        dir.Dispose();
    }

    private Tensor Live(int i, View view, string layer = TeacherLayer.Pool5)
    {
        using var _ = no_grad();
        var batch = images.MakeBatch([i], [view], 48, Normalization.Standard);
        return TeacherLayer.Of(teacher, batch.Images, layer);
    }

    [Fact]
    public void Every_cached_target_equals_the_live_teachers_output_for_the_same_crop()
    {
        using var targets = TeacherTargets.Compute(teacher, TeacherLayer.Pool5, images, 48, views: 3, seed: 5, Normalization.Standard, batchSize: 4, null, ComputeFormat.Fp32);
        Assert.Equal((6, 3, new FeatureShape(256, 4, 4)), (targets.Count, targets.Views, targets.Shape));
        for (var i = 0; i < 6; i++)
        for (var v = 0; v < 3; v++)
        {
            using var live = Live(i, targets.ViewOf(i, v));
            using var cached = targets.Target(i, v);
            // bf16 storage: 8 significant bits, so each value within 2⁻⁸ of its magnitude (plus a floor for values near 0).
            var error = (cached - live).abs().max().item<float>();
            var bound = (live.abs().max().item<float>() * 1f / 256) + 1e-3f;
            Assert.True(error <= bound, $"image {i} view {v}: cached differs from live by {error} (bound {bound})");
        }
        Assert.Contains(Enumerable.Range(0, 18).Select(k => targets.ViewOf(k / 3, k % 3)), w => w.Flip);   // random flips,
        Assert.Contains(Enumerable.Range(0, 18).Select(k => targets.ViewOf(k / 3, k % 3)), w => !w.Flip);
        Assert.True(Enumerable.Range(0, 18).Select(k => targets.ViewOf(k / 3, k % 3)).Distinct().Count() > 9);   // and positions
    }

    [Fact]
    public void A_training_batch_pairs_each_image_view_with_its_own_target()
    {
        using var targets = TeacherTargets.Compute(teacher, "avgpool", images, 48, views: 4, seed: 1, Normalization.Standard, batchSize: 6, null, ComputeFormat.Fp32);
        Assert.Equal(new FeatureShape(256, 1, 1), targets.Shape);   // a vector tap is a D×1×1 map
        var batch = targets.Batch(images, [5, 0, 3], Normalization.Standard, new Random(9));
        using var _ = no_grad();
        using var live = TeacherLayer.Of(teacher, batch.Images, "avgpool");
        var error = (batch.Targets! - live).abs().max().item<float>();
        Assert.True(error <= live.abs().max().item<float>() / 256 + 1e-3f, $"batch targets differ from the live teacher on the batch's own crops by {error}");
        var expected = images.Labels.data<long>().ToArray();
        Assert.Equal(new[] { expected[5], expected[0], expected[3] }, batch.Labels.data<long>().ToArray());
    }

    [Fact]
    public void The_same_seed_gives_the_same_views_and_the_statistics_are_those_of_the_cached_maps()
    {
        using var a = TeacherTargets.Compute(teacher, TeacherLayer.Pool5, images, 48, views: 2, seed: 3, Normalization.Standard, 6, null, ComputeFormat.Fp32);
        using var b = TeacherTargets.Compute(teacher, TeacherLayer.Pool5, images, 48, views: 2, seed: 3, Normalization.Standard, 6, null, ComputeFormat.Fp32);
        Assert.Equal(Enumerable.Range(0, 12).Select(k => a.ViewOf(k / 2, k % 2)), Enumerable.Range(0, 12).Select(k => b.ViewOf(k / 2, k % 2)));
        using var s = a.Standardization();
        using var all = stack(Enumerable.Range(0, 12).Select(k => a.Target(k / 2, k % 2).squeeze(0)).ToArray()).to(ScalarType.Float64);
        using var mean = all.mean([0], keepdim: true);
        Assert.True((s.Mean.to(ScalarType.Float64) - mean).abs().max().item<double>() < 1e-5);
        var rms = Math.Sqrt((all - mean).square().mean().item<double>());
        Assert.Equal(rms, s.Scale, 6);
    }
}
