using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.FaceApi;

public class TfjsWeightsTests
{
    /// <summary>
    /// A manifest with one group of two shards holding: a float32 conv filter [2, 2, 1, 3] (values 0…11), a uint8
    /// vector q = [0, 10, 255] with scale 0.5 / min −1, a uint16 vector [1000] with scale 0.001 / min 0, and a
    /// float16 vector [1.5, −2] — 48 + 3 + 2 + 4 = 57 bytes, split 50 + 7 across the shards.
    /// </summary>
    private static string Write(TempDir tmp, int dropBytes = 0, string? shape = null)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 12; i++) bytes.AddRange(BitConverter.GetBytes((float)i));
        bytes.AddRange(new byte[] { 0, 10, 255 });
        bytes.AddRange(BitConverter.GetBytes((ushort)1000));
        bytes.AddRange(BitConverter.GetBytes((Half)1.5));
        bytes.AddRange(BitConverter.GetBytes((Half)(-2)));
        var all = bytes.Take(bytes.Count - dropBytes).ToArray();
        File.WriteAllBytes(tmp["m-shard1of2.bin"], all[..50]);
        File.WriteAllBytes(tmp["m-shard2of2.bin"], all[50..]);
        File.WriteAllText(tmp["m-weights_manifest.json"], $$$"""
            [{"paths": ["m-shard1of2.bin", "m-shard2of2.bin"], "weights": [
              {"name": "conv/filters", "shape": {{{shape ?? "[2, 2, 1, 3]"}}}, "dtype": "float32"},
              {"name": "q8", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
              {"name": "q16", "shape": [1], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 0.001, "min": 0}},
              {"name": "half", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}}
            ]}]
            """);
        return tmp["m-weights_manifest.json"];
    }

    [Fact]
    public void Reads_float32_and_dequantises_uint8_uint16_and_float16_across_shards()
    {
        using var tmp = new TempDir();
        var w = TfjsWeights.Load(Write(tmp));
        Assert.Equal(["conv/filters", "q8", "q16", "half"], w.Names);
        Assert.Equal(new[] { -1f, 4f, 126.5f }, w.Vector("q8", 3).data<float>().ToArray());
        Assert.Equal(1f, w.Vector("q16", 1).item<float>(), 6);
        Assert.Equal(new[] { 1.5f, -2f }, w.Vector("half", 2).data<float>().ToArray());
        // TF [kh=2, kw=2, in=1, out=3] → torch [out, in, kh, kw]: element (o, i, y, x) = value at ((y·2 + x)·1 + i)·3 + o.
        using var conv = w.Conv("conv/filters", 2, 1, 3);
        Assert.Equal([3L, 1, 2, 2], conv.shape);
        Assert.Equal(8f, conv[2, 0, 1, 0].item<float>());   // ((1·2 + 0)·1 + 0)·3 + 2
        Assert.Equal(4f, conv[1, 0, 0, 1].item<float>());   // ((0·2 + 1)·1 + 0)·3 + 1
    }

    [Fact]
    public void Conv_refuses_a_filter_of_another_shape()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<InvalidDataException>(() => TfjsWeights.Load(Write(tmp)).Conv("conv/filters", 3, 1, 3));
        Assert.Contains("'conv/filters' has shape [2, 2, 1, 3], expected [3, 3, 1, 3]", e.Message);
        Assert.Contains("m-weights_manifest.json", e.Message);
    }

    [Fact]
    public void Short_shards_leftover_bytes_missing_shards_and_unknown_names_are_reported_with_the_file()
    {
        using var tmp = new TempDir();
        var shortBy = Assert.Throws<InvalidDataException>(() => TfjsWeights.Load(Write(tmp, dropBytes: 1)));
        Assert.Contains("weight 'half' needs bytes 53–57", shortBy.Message);

        var leftover = Assert.Throws<InvalidDataException>(() => TfjsWeights.Load(Write(tmp, shape: "[2, 2, 1, 2]")));
        Assert.Contains("hold 57 bytes, the manifest accounts for", leftover.Message);

        File.Delete(tmp["m-shard2of2.bin"]);
        var missing = Assert.Throws<FileNotFoundException>(() => TfjsWeights.Load(tmp["m-weights_manifest.json"]));
        Assert.Contains("m-shard2of2.bin is missing", missing.Message);

        var unknown = Assert.Throws<InvalidDataException>(() => TfjsWeights.Load(Write(tmp)).Vector("fc/bias", 3));
        Assert.Contains("no weight named 'fc/bias'", unknown.Message);
    }

    [Fact]
    public void Face_apis_recognition_manifest_has_117_weights_mixing_float32_and_uint8()
    {
        var path = Path.Combine(FaceApiModels.Resolve(), "face_recognition_model-weights_manifest.json");
        var w = TfjsWeights.Load(path);
        Assert.Equal(117, w.Names.Count);
        // conv64_down/conv1/conv/filters is stored as float32, conv32_down/conv/filters as uint8: both decode to small weights.
        using var f32 = w.Get("conv64_down/conv1/conv/filters", 3, 3, 32, 64);
        using var q8 = w.Get("conv32_down/conv/filters", 7, 7, 3, 32);
        Assert.InRange(f32.abs().max().item<float>(), 0.01f, 1f);
        Assert.InRange(q8.min().item<float>(), -0.0711f, -0.0709f);   // = the manifest's min, −0.07101876902229645
    }
}
