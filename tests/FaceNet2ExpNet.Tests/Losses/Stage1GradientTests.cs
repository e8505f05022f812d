using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Losses;

/// <summary>In stage 1 the frozen face net only provides targets: gradients reach ExpNet's conv layers and nothing else.</summary>
[Collection(TorchRng.Collection)]
public class Stage1GradientTests
{
    [Fact]
    public void Gradients_reach_only_the_expression_net_conv_layers()
    {
        manual_seed(5);
        var size = new NetworkSize(64, 0.125);
        using var faceNet = new Vgg16(20, size).Frozen();
        using var expNet = new ExpNet(new ExpNetOptions { Size = size, Target = faceNet.Pool5Shape });
        var before = faceNet.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        using var optimizer = optim.SGD(expNet.ConvParameters(), 0.01, momentum: 0.9);

        using var images = randn(4, 3, 64, 64);
        Tensor target;
        using (no_grad()) target = faceNet.Pool5(images);
        var loss = new FeatureRegressionLoss().Compute(expNet.Features(images), target);
        loss.backward();

        Assert.False(faceNet.training, "face net stays in eval mode");
        Assert.All(faceNet.parameters(), p => { Assert.False(p.requires_grad); Assert.Null(p.grad); });
        Assert.All(expNet.ConvParameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
        Assert.All(expNet.HeadParameters(), p => Assert.Null(p.grad));   // the head is not part of g(I)

        optimizer.step();
        foreach (var (key, value) in faceNet.state_dict())
            Assert.True(value.allclose(before[key], 0, 0), $"{key} changed");
    }
}
