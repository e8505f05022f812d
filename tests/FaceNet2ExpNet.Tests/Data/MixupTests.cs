using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>
/// Mixup.Blend on batches whose images are constants, so each blend's λ and partner can be read back. Its tests seed
/// torch's global generator and compare draws, so they run in the RNG's collection, not beside other tests drawing.
/// </summary>
[Collection(TorchRng.Collection)]
public class MixupTests
{
    /// <summary>N×3×4×4 batch whose image k is the constant k·10.</summary>
    private static Tensor Constants(int n) => (arange(n, dtype: ScalarType.Float32) * 10).view(n, 1, 1, 1).expand(n, 3, 4, 4).contiguous();

    private static float[] PerImage(Tensor t)
    {
        using var m = t.mean([1, 2, 3]);
        return m.data<float>().ToArray();
    }

    [Fact]
    public void Each_blend_is_a_convex_combination_of_its_image_and_one_partner()
    {
        manual_seed(3);
        using var x = Constants(8);
        using var blended = Mixup.Blend(x, alpha: 1e4);   // λ ≈ ½ for every image
        Assert.Equal(new long[] { 8, 3, 4, 4 }, blended.shape);
        using var spread = blended.std([1, 2, 3]);
        Assert.True(spread.max().item<float>() < 1e-5f, "an image of constants stays constant");
        var values = PerImage(blended);
        // With λ = ½, 2·blend − own is the partner, and the partners are a permutation of the batch.
        var partners = values.Select((v, k) => (int)Math.Round((2 * v - 10 * k) / 10)).OrderBy(k => k).ToArray();
        Assert.Equal(Enumerable.Range(0, 8).ToArray(), partners);
    }

    [Fact]
    public void Alpha_one_draws_lambda_across_the_whole_interval_and_the_same_seed_blends_the_same()
    {
        using var x = Constants(64);
        manual_seed(5);
        using var first = Mixup.Blend(x, alpha: 1);
        manual_seed(5);
        using var again = Mixup.Blend(x, alpha: 1);
        Assert.True(first.allclose(again, rtol: 0, atol: 0));
        // Every blend lies between 0 and the largest image; with λ ~ U(0, 1) they are not all halfway.
        var values = PerImage(first);
        Assert.All(values, v => Assert.InRange(v, 0f, 630f));
        using var halfway = Mixup.Blend(x, alpha: 1e4);
        Assert.False(first.allclose(halfway, rtol: 0, atol: 1));
    }

    [Fact]
    public void A_draw_gives_the_lambdas_and_partners_that_blend_the_batch_as_blend_does()
    {
        using var x = Constants(16);
        manual_seed(7);
        using var direct = Mixup.Blend(x, alpha: 1);
        manual_seed(7);
        var (lambda, partners) = Mixup.Draw(x, alpha: 1);
        using (lambda) using (partners)
        {
            using var viaDraw = Mixup.Blend(x, lambda, partners);
            Assert.True(direct.allclose(viaDraw, rtol: 0, atol: 0));
            using var sorted = partners.sort().Values;
            Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i).ToArray(), sorted.data<long>().ToArray());
            // Image k's blend is λ·10k + (1 − λ)·10·partner(k).
            var l = lambda.data<float>().ToArray();
            var p = partners.data<long>().ToArray();
            var values = PerImage(viaDraw);
            for (var k = 0; k < 16; k++) Assert.Equal(l[k] * 10 * k + (1 - l[k]) * 10 * p[k], values[k], 3);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_bad_alpha_is_refused(double alpha)
    {
        using var x = Constants(2);
        var e = Assert.Throws<ArgumentException>(() => Mixup.Blend(x, alpha));
        Assert.Contains("Mixup needs a finite α > 0", e.Message);
    }
}
