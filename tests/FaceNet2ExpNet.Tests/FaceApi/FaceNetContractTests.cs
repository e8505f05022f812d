using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Tests.Fixtures;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>face-api's ResNet as an <see cref="IFaceNet"/>: taps, standard input, fine-tuning copy, stage-1 use, the factory.</summary>
public class FaceNetContractTests(FaceApiNets nets) : IClassFixture<FaceApiNets>
{
    private FaceRecognitionResNet Net => nets.Pipeline.Recognition!;

    [Theory]
    [InlineData(64)]
    [InlineData(150)]
    [InlineData(224)]
    public void Taps_have_fixed_shapes_because_inputs_are_resized_to_150(int size)
    {
        using var _ = NewDisposeScope();
        using var __ = no_grad();
        var x = randn(2, 3, size, size);
        var taps = Net.Taps(x, Net.TapNames.ToList());
        Assert.Equal(["conv128", "conv256", "avgpool", "descriptor"], Net.TapNames);
        Assert.Equal([2L, 128, 8, 8], taps["conv128"].shape);
        Assert.Equal([2L, 256, 4, 4], taps["conv256"].shape);
        Assert.Equal([2L, 256], taps["avgpool"].shape);
        Assert.Equal([2L, 128], taps["descriptor"].shape);
        Assert.Equal(new FeatureShape(256, 4, 4), Net.Pool5Shape);
        Assert.True(Net.Pool5(x).allclose(taps["conv256"], 1e-5, 1e-6));
        Assert.True(taps["conv256"].min().item<float>() >= 0, "the conv256 tap is after the block's ReLU, like pool5");
        Assert.Equal([2L, 2], Net.Module.forward(x).shape);
    }

    [Fact]
    public void Standard_normalised_input_gives_face_apis_descriptor()
    {
        // The same 150² crop, once as 0–255 pixels (face-api's path) and once through Normalization.Standard.
        var reference = FaceApiReference.Load().Images[0];
        var face = reference.Faces[0].CropRect;
        var crop = TfImage.FromRgb(reference.Decode()).Slice((int)face.X, (int)face.Y, (int)face.Width, (int)face.Height);
        using var _ = NewDisposeScope();
        using var __ = no_grad();
        var pixels = crop.ToBatchTensor(150, centre: true);
        var standard = (pixels / 255f - 0.5f) / 0.25f;
        var viaStandard = Net.Descriptor(standard).data<float>().ToArray();
        Assert.True(FaceApiReference.Cosine(viaStandard, reference.Faces[0].Descriptor) >= 0.99999);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f }, Normalization.Standard.Mean);
    }

    [Fact]
    public void For_classes_copies_the_pretrained_layers_and_draws_a_new_classifier()
    {
        var copy = (FaceRecognitionResNet)((IFaceNet)Net).ForClasses(7);
        using (copy)
        {
            Assert.Equal(7, copy.Classes);
            Assert.Equal("faceapi-resnet", copy.Name);
            var (a, b) = (Net.state_dict(), copy.state_dict());
            foreach (var key in new[] { "conv32_down.conv.weight", "conv128_1.conv2.scale.weight", "fc.weight" })
                Assert.True(a[key].allclose(b[key], 0, 0), key);
            Assert.Equal([7L, 128], b["classifier.weight"].shape);
            Assert.Equal(117, b.Keys.Count(k => !k.StartsWith("classifier.")));   // the manifest's 117 weights, one tensor each
        }
    }

    [Fact]
    public void ExpNet_regresses_onto_its_conv256_map_at_paper_and_small_sizes()
    {
        foreach (var size in new[] { new NetworkSize(224, 0.125), new NetworkSize(64, 0.125) })
        {
            using var _ = NewDisposeScope();
            using var expNet = new ExpNet(new ExpNetOptions { Size = size, Target = Net.Pool5Shape, Classes = 3 });
            var x = randn(2, 3, size.InputSize, size.InputSize);
            var g = expNet.Features(x);
            Tensor target;
            using (no_grad()) target = Net.Pool5(x);
            Assert.Equal(target.shape, g.shape);
            var loss = new FeatureRegressionLoss().Compute(g, target);
            loss.backward();
            Assert.True(expNet.ConvParameters().First().grad!.abs().sum().item<float>() > 0);
        }
    }

    [Fact]
    public void Factory_builds_both_nets_and_names_the_install_command_when_models_are_missing()
    {
        var size = new NetworkSize(64, 0.125);
        var vgg = FaceNets.Create("vgg16", 5, size);
        Assert.IsType<Vgg16>(vgg);
        Assert.False(FaceNets.IsPretrained("vgg16"));
        using (var bn = (Vgg16)FaceNets.Create("vgg16-bn", 5, size)) Assert.Equal("vgg16-bn", bn.Name);
        using (var resnet = (FaceRecognitionResNet)FaceNets.Create("faceapi-resnet", 5, size))
        {
            Assert.True(FaceNets.IsPretrained("faceapi-resnet"));
            Assert.Equal((5, 64, 1.0), (resnet.Classes, resnet.Size.InputSize, resnet.Size.Width));
            Assert.True(resnet.state_dict()["fc.weight"].allclose(Net.state_dict()["fc.weight"], 0, 0));
        }
        ((IDisposable)vgg).Dispose();
        var unknown = Assert.Throws<ArgumentException>(() => FaceNets.Create("resnet50", 5, size));
        Assert.Contains("vgg16, vgg16-bn, faceapi-resnet, faceres, vggface", unknown.Message);
        using var empty = new TempDir();
        var missing = Assert.Throws<FileNotFoundException>(() => FaceNets.Create("faceapi-resnet", 5, size, empty.Path));
        Assert.Contains("data-prep", missing.Message);
        Assert.Contains("models install", missing.Message);
    }

    [Fact]
    public void Fine_tuning_moves_the_pretrained_weights()
    {
        using var net = Net.WithClasses(3);
        net.train();
        var before = net.state_dict()["conv256_2.conv1.conv.weight"].clone();
        using var optimizer = optim.SGD(net.parameters(), 0.01, momentum: 0.9);
        using (NewDisposeScope())
        {
            var x = randn(4, 3, 64, 64);
            var loss = nn.functional.cross_entropy(net.forward(x), tensor(new long[] { 0, 1, 2, 0 }));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        Assert.False(before.allclose(net.state_dict()["conv256_2.conv1.conv.weight"], 0, 0));
        before.Dispose();
    }

    [Fact]
    public void An_unknown_tap_lists_the_taps()
    {
        var e = Assert.Throws<ArgumentException>(() => Net.Taps(zeros(1, 3, 150, 150), ["pool5"]));
        Assert.Contains("conv128, conv256, avgpool, descriptor", e.Message);
    }
}
