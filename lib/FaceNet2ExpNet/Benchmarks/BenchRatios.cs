using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>The goals as ratios of one bench run: ExpNet training vs its precision's conv roofline, and vs PyTorch's fp32 step.</summary>
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
        var roofline = ((JsonObject)bench["conv_roofline_gflops"]!).Where(kv => kv.Key.StartsWith(precision, StringComparison.Ordinal) && kv.Value is not null)
            .Max(kv => kv.Value!.GetValue<double>());
        result["expnet_fastest_format"] = fastest.Key;
        result["expnet_train_gflops"] = Math.Round(gflops, 1);
        result["expnet_train_vs_conv_roofline"] = Math.Round(gflops / roofline, 3);
        if (bench["pytorch_expnet_train_img_s"] is { } pytorch)
            result["expnet_train_vs_pytorch_fp32"] = Math.Round(imgPerSecond / pytorch.GetValue<double>(), 3);
        return result;
    }
}
