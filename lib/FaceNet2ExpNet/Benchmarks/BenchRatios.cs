using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// The goals as ratios of one bench run: ExpNet training in its fastest format vs that precision's conv
/// roofline, and vs PyTorch's step — like with like: per format ours / PyTorch's, and the headline our fastest format
/// against PyTorch in that same format (<c>expnet_train_vs_pytorch</c>). The earlier comparison of our fastest format
/// with PyTorch's fp32 step is kept as <c>expnet_fastest_vs_pytorch_fp32</c>.
/// </summary>
public static class BenchRatios
{
    /// <summary>A training step costs about 3 forward passes (forward, input gradients, weight gradients).</summary>
    public const double TrainFlopPerForward = 3;

    public static JsonObject Of(JsonObject bench)
    {
        var train = (JsonObject)bench["expnet_train_img_s"]!;
        var fastest = train.Where(kv => kv.Value is not null).MaxBy(kv => kv.Value!.GetValue<double>());
        var result = new JsonObject();
        if (fastest.Key is null) return result;
        var imgPerSecond = fastest.Value!.GetValue<double>();
        var gflops = imgPerSecond * TrainFlopPerForward * bench["expnet_gflop_per_img_fwd"]!.GetValue<double>();
        // The roofline of the fastest format's precision: the better of its two memory formats.
        var precision = fastest.Key.StartsWith("bf16", StringComparison.Ordinal) ? "bf16" : "fp32";
        var rooflines = ((JsonObject)bench["conv_roofline_gflops"]!).Where(kv => kv.Key.StartsWith(precision, StringComparison.Ordinal) && kv.Value is not null)
            .Select(kv => kv.Value!.GetValue<double>()).ToList();
        result["expnet_fastest_format"] = fastest.Key;
        result["expnet_train_gflops"] = Math.Round(gflops, 1);
        result["expnet_train_vs_conv_roofline"] = rooflines.Count > 0 ? Math.Round(gflops / rooflines.Max(), 3) : null;

        var pytorch = PyTorchByFormat(bench["pytorch_expnet_train_img_s"]);
        var byFormat = new JsonObject();
        foreach (var (key, ours) in train)
            byFormat[key] = ours is not null && pytorch.TryGetValue(key, out var theirs) ? Math.Round(ours.GetValue<double>() / theirs, 3) : null;
        result["expnet_train_vs_pytorch_by_format"] = byFormat;
        result["expnet_train_vs_pytorch"] = byFormat[fastest.Key]?.GetValue<double>();
        result["expnet_fastest_vs_pytorch_fp32"] = pytorch.TryGetValue("fp32", out var fp32) ? Math.Round(imgPerSecond / fp32, 3) : null;
        return result;
    }

    /// <summary>PyTorch's measured img/s by format: the object's non-null entries (an older bench's single number is its fp32).</summary>
    private static Dictionary<string, double> PyTorchByFormat(JsonNode? node) => node switch
    {
        JsonObject o => o.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>()),
        JsonValue v => new() { ["fp32"] = v.GetValue<double>() },
        _ => [],
    };
}
