using System.Text.Json;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Networks.Human;
using FaceNet2ExpNet.Tests.FaceApi;
using FaceNet2ExpNet.Tests.Fixtures;
using Xunit.Abstractions;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Tests.Human;

/// <summary>faceres as an <see cref="IFaceNet"/>: architecture vs its graph, taps, standard input, fine-tuning copy, stage-1 target, factory.</summary>
public class FaceResContractTests(FaceResNet fixture, ITestOutputHelper output) : IClassFixture<FaceResNet>
{
    private FaceRes Net => fixture.Net;

    [Fact]
    public void The_port_has_the_graphs_convolutions_strides_and_padding()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(HumanModels.FaceResModel()));
        var nodes = doc.RootElement.GetProperty("modelTopology").GetProperty("node").EnumerateArray().ToList();
        var convs = nodes.Where(n => n.GetProperty("op").GetString() is "Conv2D" or "DepthwiseConv2dNative").ToList();
        Assert.Equal(FaceRes.Layers.Count, convs.Count);
        foreach (var (layer, node) in FaceRes.Layers.Zip(convs))
        {
            var attr = node.GetProperty("attr");
            var strides = attr.GetProperty("strides").GetProperty("list").GetProperty("i").EnumerateArray().Select(s => int.Parse(s.GetString()!)).ToArray();
            var padding = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(attr.GetProperty("padding").GetProperty("s").GetString()!));
            Assert.Equal(layer.Depthwise ? "DepthwiseConv2dNative" : "Conv2D", node.GetProperty("op").GetString());
            Assert.StartsWith(layer.Depthwise ? $"{layer.Name}/" : $"{layer.Name}_bn/", node.GetProperty("name").GetString());
            Assert.Equal([1, layer.Stride, layer.Stride, 1], strides);
            Assert.Equal("SAME", padding);
        }
        Assert.Equal(27, nodes.Count(n => n.GetProperty("op").GetString() == "Relu"));
        Assert.Equal(27, nodes.Count(n => n.GetProperty("op").GetString() == "Minimum"));
        // The graph stores 3,489,349 values; folding the 13 depthwise batch-norm scales (4,960 values) into the filters
        // leaves 3,484,389 parameters, plus the 2-class classifier (1024·2 + 2).
        Assert.Equal(3_484_389 + 1024 * 2 + 2, Net.ParameterCount);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(224)]
    public void Taps_have_fixed_shapes_because_inputs_are_resized_to_224(int size)
    {
        using var _ = NewDisposeScope();
        using var __ = no_grad();
        var x = randn(2, 3, size, size);
        var taps = Net.Taps(x, Net.TapNames.ToList());
        Assert.Equal(["conv_pw_11", "conv_pw_13", "global_pooling", "feats"], Net.TapNames);
        Assert.Equal([2L, 512, 14, 14], taps["conv_pw_11"].shape);
        Assert.Equal([2L, 1024, 7, 7], taps["conv_pw_13"].shape);
        Assert.Equal([2L, 1024], taps["global_pooling"].shape);
        Assert.Equal([2L, 256], taps["feats"].shape);
        Assert.Equal(new FeatureShape(1024, 7, 7), Net.Pool5Shape);
        Assert.True(Net.Pool5(x).allclose(taps["conv_pw_13"], 1e-5, 1e-6));
        Assert.True(taps["global_pooling"].allclose(taps["conv_pw_13"].mean([2, 3]), 1e-5, 1e-6));
        foreach (var t in taps.Values) Assert.True(t.min().item<float>() >= 0, "every tap follows a ReLU(6)");
        Assert.True(taps["conv_pw_13"].max().item<float>() <= 6);
        Assert.Equal([2L, 2], Net.Module.forward(x).shape);
    }

    [Fact]
    public void From_pixels_reverses_the_channels_and_subtracts_the_caffe_means()
    {
        using var _ = NewDisposeScope();
        var pixels = tensor(new float[] { 10, 20, 30 }).reshape(1, 3, 1, 1);   // R, G, B
        Assert.Equal(new[] { 30 - 103.939f, 20 - 116.779f, 10 - 123.68f }, FaceRes.FromPixels(pixels).data<float>().ToArray());
        var standard = (pixels / 255f - 0.5f) / 0.25f;
        var viaStandard = FaceRes.FromStandard(functional.interpolate(standard, [224, 224]));
        Assert.True(viaStandard[0, .., 100, 100].allclose(FaceRes.FromPixels(pixels)[0, .., 0, 0], 0, 1e-3));
    }

    [Fact]
    public void A_face_at_its_own_size_is_resized_inside_close_to_tensorflows_resize()
    {
        // The reference resized each 50–68 px crop to 224 with TF's bilinear (no half-pixel centres); Descriptor resizes
        // with torch's (half-pixel centres, antialiased). Same face and convention, slightly shifted sampling grid.
        foreach (var face in FaceResReference.Load().Faces)
        {
            using var _ = NewDisposeScope();
            using var __ = no_grad();
            var standard = (face.Crop().ToTensor() / 255f - 0.5f) / 0.25f;
            var cos = FaceApiReference.Cosine(Net.Descriptor(standard).data<float>().ToArray(), face.Hse.GlobalPooling);
            output.WriteLine($"{face.Name} ({face.CropRect.Width} px): cosine {cos:F4} with the descriptor of TF's resize");
            Assert.True(cos >= 0.95, $"{face.Name}: cosine {cos}");
        }
    }

    [Fact]
    public void For_classes_copies_the_pretrained_layers_and_draws_a_new_classifier_on_the_descriptor()
    {
        using var copy = (FaceRes)((IFaceNet)Net).ForClasses(7);
        Assert.Equal((7, "faceres"), (copy.Classes, copy.Name));
        var (a, b) = (Net.state_dict(), copy.state_dict());
        foreach (var key in new[] { "features.conv1.conv.weight", "features.conv_dw_13.conv.weight", "features.conv_pw_13.conv.bias", "feats.weight", "age_pred.bias" })
            Assert.True(a[key].allclose(b[key], 0, 0), key);
        Assert.Equal([7L, 1024], b["classifier.weight"].shape);
        Assert.Equal([[7L, 1024], [7L]], copy.ClassifierParameters().Select(p => p.shape));
        Assert.Equal(copy.named_parameters().Where(p => p.name.StartsWith("classifier.")).Select(p => p.parameter.Handle),
            copy.ClassifierParameters().Select(p => p.Handle));
        Assert.Equal(27 * 2 + 3 * 2, b.Keys.Count(k => !k.StartsWith("classifier.")));
        using var _ = no_grad();
        var x = randn(3, 3, 64, 64);
        Assert.Equal([3L, 7], copy.forward(x).shape);
    }

    [Fact]
    public void Fine_tuning_moves_every_conv_layer_and_the_classifier_but_not_the_age_gender_heads()
    {
        using var net = Net.WithClasses(3);
        net.train();
        var state = net.state_dict();
        var watched = new[] { "features.conv1.conv.weight", "features.conv_dw_7.conv.weight", "features.conv_pw_13.conv.weight", "classifier.weight" };
        var before = watched.Select(k => state[k].clone()).ToList();
        using var optimizer = optim.SGD(net.parameters(), 0.01, momentum: 0.9);
        using (NewDisposeScope())
        {
            var loss = nn.functional.cross_entropy(net.forward(randn(4, 3, 64, 64)), tensor(new long[] { 0, 1, 2, 0 }));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        foreach (var (key, old) in watched.Zip(before))
        {
            Assert.False(old.allclose(net.state_dict()[key], 0, 0), key);
            old.Dispose();
        }
        foreach (var head in new[] { "feats.weight", "gender_pred.weight", "age_pred.bias" })
            Assert.True(net.state_dict()[head].allclose(Net.state_dict()[head], 0, 0), $"{head}: off the fine-tuning path, no gradient");
    }

    [Fact]
    public void ExpNet_regresses_onto_its_conv_pw_13_map_at_paper_and_small_sizes()
    {
        foreach (var size in new[] { new NetworkSize(224, 0.125), new NetworkSize(64, 0.125) })
        {
            using var _ = NewDisposeScope();
            using var expNet = new ExpNet(new ExpNetOptions { Size = size, Target = Net.Pool5Shape, Classes = 3 });
            Assert.Equal(new FeatureShape(1024, 7, 7), expNet.FeatureShape);
            var x = randn(2, 3, size.InputSize, size.InputSize);
            var g = expNet.Features(x);
            Tensor target;
            using (no_grad()) target = Net.Pool5(x);
            Assert.Equal(target.shape, g.shape);
            new FeatureRegressionLoss().Compute(g, target).backward();
            Assert.True(expNet.ConvParameters().First().grad!.abs().sum().item<float>() > 0);
        }
    }

    [Fact]
    public void Factory_builds_it_and_names_the_install_command_when_it_is_missing()
    {
        Assert.True(FaceNets.IsPretrained("faceres"));
        Assert.Contains("faceres", FaceNets.Names);
        using (var net = (FaceRes)FaceNets.Create("faceres", 5, new NetworkSize(64, 0.125)))
        {
            Assert.Equal((5, 64, 1.0), (net.Classes, net.Size.InputSize, net.Size.Width));
            Assert.True(net.state_dict()["features.conv_pw_13.conv.weight"].allclose(Net.state_dict()["features.conv_pw_13.conv.weight"], 0, 0));
        }
        using var empty = new TempDir();
        var missing = Assert.Throws<FileNotFoundException>(() => FaceNets.Create("faceres", 5, new NetworkSize(64), empty.Path));
        Assert.Contains("human 3.3.6 models not found", missing.Message);
        Assert.Contains("models install", missing.Message);
    }

    [Fact]
    public void An_unknown_tap_lists_the_taps()
    {
        var e = Assert.Throws<ArgumentException>(() => Net.Taps(zeros(1, 3, 224, 224), ["pool5"]));
        Assert.Contains("conv_pw_11, conv_pw_13, global_pooling, feats", e.Message);
    }
}
