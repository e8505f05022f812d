using FaceNet2ExpNet.Networks.Import;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Import;

public class SafeTensorsTests
{
    [Fact]
    public void Reads_F32_F16_and_BF16_tensors_and_the_metadata()
    {
        using var tmp = new TempDir();
        SafeTensorsWriter.Write(tmp["t.safetensors"],
        [
            new("a", "F32", [2, 3], [0.1f, -2, 3, 4, 5, 6.25f]),
            new("b", "F16", [2], [1.5f, -0.25f]),
            new("c", "BF16", [3], [1f, -3f, 0.5f]),
        ], new() { ["channel_order"] = "bgr" });
        var file = SafeTensors.Open(tmp["t.safetensors"]);
        Assert.Equal("bgr", file.Metadata["channel_order"]);
        Assert.Equal(["a", "b", "c"], file.Entries.Keys);
        using var a = file.Get("a");
        Assert.Equal([2L, 3], a.shape);
        Assert.Equal(new[] { 0.1f, -2, 3, 4, 5, 6.25f }, a.data<float>().ToArray());
        using var b = file.Get("b");
        Assert.Equal(new[] { 1.5f, -0.25f }, b.data<float>().ToArray());
        using var c = file.Get("c");
        Assert.Equal(new[] { 1f, -3f, 0.5f }, c.data<float>().ToArray());
    }

    [Fact]
    public void Offsets_that_do_not_fit_and_unsupported_dtypes_name_the_file_and_tensor()
    {
        using var tmp = new TempDir();
        var path = tmp["bad.safetensors"];
        var json = """{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"""u8.ToArray();
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. new byte[12]]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Open(path));
        Assert.Contains("bad.safetensors", e.Message);
        Assert.Contains("tensor 'w'", e.Message);

        json = """{"n":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"""u8.ToArray();
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. new byte[8]]);
        e = Assert.Throws<InvalidDataException>(() => SafeTensors.Open(path));
        Assert.Contains("dtype I64", e.Message);

        File.WriteAllBytes(path, [.. BitConverter.GetBytes(1000UL), .. "{}"u8.ToArray()]);
        e = Assert.Throws<InvalidDataException>(() => SafeTensors.Open(path));
        Assert.Contains("header length 1000 does not fit", e.Message);
    }
}
