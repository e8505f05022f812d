using FaceNet2ExpNet.Losses;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Losses;

public class FeatureRegressionLossTests
{
    // Two images, three features each. |g − G| = [1, 2, 3] for image 0 and [1, 1, 1] for image 1.
    private static Tensor G() => tensor(new float[] { 1, 2, 3, 0, 0, 0 }).reshape(2, 3, 1, 1);
    private static Tensor FaceNetG() => tensor(new float[] { 0, 0, 0, 1, 1, 1 }).reshape(2, 3, 1, 1);

    [Theory]
    [InlineData(2.0, (1 + 4 + 9 + 3) / 2.0)]       // summed over features, averaged over the batch: (14 + 3) / 2
    [InlineData(1.0, (1 + 2 + 3 + 3) / 2.0)]
    [InlineData(3.0, (1 + 8 + 27 + 3) / 2.0)]
    [InlineData(1.5, 6.0122897737)]                // (1 + 2^1.5 + 3^1.5 + 3) / 2 = (1 + 2.82843 + 5.19615 + 3) / 2
    public void Is_the_p_norm_to_the_p_summed_over_features_and_averaged_over_the_batch(double p, double expected)
    {
        using var loss = new FeatureRegressionLoss(p).Compute(G(), FaceNetG());
        Assert.Equal(expected, loss.item<float>(), 4);
    }

    [Fact]
    public void Gradient_for_p2_is_2_times_the_difference_over_the_batch()
    {
        using var g = G().requires_grad_();
        new FeatureRegressionLoss().Compute(g, FaceNetG()).backward();
        Assert.Equal(new float[] { 1, 2, 3, -1, -1, -1 }, g.grad!.flatten().data<float>().ToArray());   // 2(g−G)/2
    }

    [Fact]
    public void No_gradient_flows_into_the_face_net_features()
    {
        using var g = G().requires_grad_();
        using var target = FaceNetG().requires_grad_();
        new FeatureRegressionLoss().Compute(g, target).backward();
        Assert.Null(target.grad);
    }

    [Fact]
    public void Mismatched_shapes_are_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new FeatureRegressionLoss().Compute(zeros(2, 512, 7, 7), zeros(2, 512, 4, 4)));
        Assert.Contains("[2, 512, 7, 7]", e.Message);
        Assert.Contains("[2, 512, 4, 4]", e.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void P_below_1_is_refused(double p) => Assert.Throws<ArgumentException>(() => new FeatureRegressionLoss(p));
}
