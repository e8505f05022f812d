using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Networks.Import;
using FaceNet2ExpNet.Tests.Fixtures;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Import;

/// <summary>VGG-16 weights from safetensors (VGG-Face / torchvision names) and VGG-Face's input conventions.</summary>
public class VggFaceImportTests
{
    private static readonly NetworkSize Small = new(64, 0.125);
    private static readonly string[] Convs =
        ["conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3", "conv4_1", "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3"];
    private static readonly int[] Torchvision = [0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28];

    /// <summary>The net's weights as a file with VGG-Face (Caffe) or torchvision names; fc6 optionally conv-shaped.</summary>
    private static void Export(Vgg16 net, string path, bool torchvision = false, string dtype = "F32", Dictionary<string, string>? metadata = null,
        bool convFc6 = false, string? skip = null)
    {
        var state = net.state_dict();
        var entries = new List<SafeTensorsWriter.Entry>();
        void Add(string name, Tensor t, long[]? shape = null)
        {
            if (name != skip) entries.Add(new(name, dtype, shape ?? t.shape, t.contiguous().data<float>().ToArray()));
        }
        for (var i = 0; i < Convs.Length; i++)
            foreach (var p in new[] { "weight", "bias" })
                Add(torchvision ? $"features.{Torchvision[i]}.{p}" : $"{Convs[i]}.{p}", state[$"features.{Convs[i]}.{p}"]);
        foreach (var (caffe, tv, ours) in new[] { ("fc6", "classifier.0", "fc.fc6"), ("fc7", "classifier.3", "fc.fc7"), ("fc8", "classifier.6", "fc8") })
            foreach (var p in new[] { "weight", "bias" })
            {
                var t = state[$"{ours}.{p}"];
                long[]? shape = convFc6 && caffe == "fc6" && p == "weight" ? [t.shape[0], net.Pool5Shape.Channels, net.Pool5Shape.Height, net.Pool5Shape.Width] : null;
                Add(torchvision ? $"{tv}.{p}" : $"{caffe}.{p}", t, shape);
            }
        entries.Add(new("meta.unused", "F32", [1], [0f]));
        SafeTensorsWriter.Write(path, entries, metadata);
    }

    private static void AssertSameWeights(Vgg16 expected, Vgg16 actual, float tolerance = 0)
    {
        var (a, b) = (expected.state_dict(), actual.state_dict());
        Assert.Equal(a.Keys.OrderBy(k => k), b.Keys.OrderBy(k => k));
        foreach (var key in a.Keys) Assert.True(a[key].allclose(b[key], 0, tolerance), key);
    }

    [Fact]
    public void Round_trips_a_generated_file_with_VGG_Face_names()
    {
        using var tmp = new TempDir();
        using var original = new Vgg16(5, Small);
        Export(original, tmp["v.safetensors"], convFc6: true);
        using var imported = VggFaceImport.LoadVgg16(tmp["v.safetensors"], out var unused);
        Assert.Equal((5, Small), (imported.Classes, imported.Size));
        Assert.Equal(["meta.unused"], unused);
        AssertSameWeights(original, imported);
    }

    [Fact]
    public void Reads_torchvision_names_and_half_precision()
    {
        using var tmp = new TempDir();
        using var original = new Vgg16(3, Small);
        Export(original, tmp["tv.safetensors"], torchvision: true, dtype: "BF16");
        using var imported = VggFaceImport.LoadVgg16(tmp["tv.safetensors"], out _);
        AssertSameWeights(original, imported, tolerance: 0.01f);   // bf16 keeps 8 significant bits
    }

    [Fact]
    public void A_missing_tensor_is_named_with_the_file()
    {
        using var tmp = new TempDir();
        using var original = new Vgg16(3, Small);
        Export(original, tmp["v.safetensors"], skip: "conv4_2.bias");
        var e = Assert.Throws<InvalidDataException>(() => VggFaceImport.LoadVgg16(tmp["v.safetensors"], out _));
        Assert.Contains("v.safetensors: no tensor for conv4_2.bias (looked for conv4_2.bias, features.19.bias, features.conv4_2.bias)", e.Message);
    }

    [Fact]
    public void VGG_Face_sees_0_to_255_pixels_minus_its_mean_in_the_stored_channel_order()
    {
        using var tmp = new TempDir();
        using var original = new Vgg16(4, Small);
        Export(original, tmp["bgr.safetensors"], metadata: new() { ["channel_order"] = "bgr" });
        using var face = VggFaceImport.Load(tmp["bgr.safetensors"]);
        Assert.Equal((ChannelOrder.Bgr, "vggface", 4), (face.Order, face.Name, face.Classes));

        using var _ = NewDisposeScope();
        // A standard-normalised image of colour (R, G, B) = (200, 100, 50): VGG-Face gets B − 93.594, G − 104.7624, R − 129.1863.
        var pixels = tensor(new float[] { 200, 100, 50 }).reshape(1, 3, 1, 1).expand(1, 3, 64, 64);
        var standard = (pixels / 255f - 0.5f) / 0.25f;
        var input = face.ToVggFaceInput(standard);
        Assert.Equal(new[] { 50 - 93.594f, 100 - 104.7624f, 200 - 129.1863f }, input[0, .., 0, 0].data<float>().ToArray().Select(v => (float)Math.Round(v, 3)).ToArray(),
            new FloatRounding(0.002f));
        original.eval(); face.eval();
        Assert.True(face.forward(standard).allclose(original.forward(input), 1e-4, 1e-5));
        using var rgb = VggFaceImport.Load(tmp["bgr.safetensors"], ChannelOrder.Rgb);
        Assert.Equal(200 - 129.1863f, rgb.ToVggFaceInput(standard)[0, 0, 0, 0].item<float>(), 3);
    }

    [Fact]
    public void Without_a_channel_order_the_import_stops_and_explains()
    {
        using var tmp = new TempDir();
        using var original = new Vgg16(3, Small);
        Export(original, tmp["v.safetensors"]);
        var e = Assert.Throws<InvalidDataException>(() => VggFaceImport.Load(tmp["v.safetensors"]));
        Assert.Contains("BGR", e.Message);
        Assert.Contains("channel_order", e.Message);
    }

    [Fact]
    public void The_factory_builds_vggface_from_the_models_folder_with_new_classes()
    {
        using var tmp = new TempDir();
        using var original = new Vgg16(6, Small);
        Directory.CreateDirectory(tmp["vgg-face"]);
        Export(original, tmp["vgg-face/vgg_face.safetensors"], metadata: new() { ["channel_order"] = "rgb" });
        var net = (VggFace)FaceNets.Create("vggface", 8, new NetworkSize(96, 0.5), tmp.Path);
        using (net)
        {
            Assert.Equal((8, 96, ChannelOrder.Rgb), (net.Classes, net.Size.InputSize, net.Order));
            Assert.True(net.Net.state_dict()["features.conv2_1.weight"].allclose(original.state_dict()["features.conv2_1.weight"], 0, 0));
            using var x = randn(1, 3, 96, 96);
            using var pool5 = net.Pool5(x);
            Assert.Equal([1L, 64, 2, 2], pool5.shape);   // the imported net's own 64 px input: resized inside
        }
        using var empty = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => FaceNets.Create("vggface", 8, Small, empty.Path));
        Assert.Contains("vgg_face.safetensors", e.Message);
    }

    private sealed class FloatRounding(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
