using FaceNet2ExpNet.Losses;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Losses;

/// <summary>Eq. 5's cross-entropy and classification mixup's blended cross-entropy, against values computed by hand.</summary>
public class ClassificationLossTests
{
    // Two images, three classes; log-softmax by hand: row 0 scores (0, ln 3, 0) → p = (1/5, 3/5, 1/5); row 1 (ln 2, 0, 0) → (1/2, 1/4, 1/4).
    private static Tensor Scores() => tensor(new float[] { 0, MathF.Log(3), 0, MathF.Log(2), 0, 0 }).view(2, 3);

    [Fact]
    public void Cross_entropy_matches_a_hand_computation()
    {
        // Row 0: scores [0, 0] → −log ½ = 0.6931. Row 1: scores [2, 0], label 0 → −log(e²/(e²+1)) = 0.1269.
        using var scores = tensor(new float[] { 0, 0, 2, 0 }).reshape(2, 2);
        using var labels = tensor(new long[] { 1, 0 });
        using var loss = ClassificationLoss.Compute(scores, labels);
        Assert.Equal((0.693147 + 0.126928) / 2, loss.item<float>(), 5);
    }

    [Fact]
    public void The_mixed_loss_blends_each_images_two_cross_entropies_by_its_lambda()
    {
        using var scores = Scores();
        using var labels = tensor(new long[] { 1, 0 });
        using var partners = tensor(new long[] { 1, 0 });   // each image blended with the other
        using var lambda = tensor(new float[] { 0.25f, 1f });
        using var loss = ClassificationLoss.Mixed(scores, labels, lambda, partners);
        // Image 0: ¼·(−ln 3/5) + ¾·(−ln 1/5) (its partner's label is 0); image 1: 1·(−ln 1/2).
        var expected = (0.25 * -Math.Log(0.6) + 0.75 * -Math.Log(0.2) + -Math.Log(0.5)) / 2;
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void With_lambda_one_the_mixed_loss_is_eq_5s_cross_entropy()
    {
        using var scores = Scores();
        using var labels = tensor(new long[] { 2, 0 });
        using var partners = tensor(new long[] { 1, 0 });
        using var one = ones(2);
        using var mixed = ClassificationLoss.Mixed(scores, labels, one, partners);
        using var plain = ClassificationLoss.Compute(scores, labels);
        Assert.Equal((-Math.Log(0.2) - Math.Log(0.5)) / 2, plain.item<float>(), 5);
        Assert.Equal(plain.item<float>(), mixed.item<float>(), 6);
    }

    [Fact]
    public void A_batch_mismatch_is_refused()
    {
        using var scores = Scores();
        using var labels = tensor(new long[] { 2, 0 });
        using var partners = tensor(new long[] { 1, 0, 2 });
        using var lambda = ones(2);
        var e = Assert.Throws<ArgumentException>(() => ClassificationLoss.Mixed(scores, labels, lambda, partners));
        Assert.Contains("3 partners", e.Message);
    }
}
