using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>A <see cref="Benchmark"/> result as a Markdown table (what <c>fn2en bench</c> prints and docs/performance.md shows).</summary>
public static class BenchTable
{
    private static readonly string[] Columns = ["fp32", "fp32_channels_last", "bf16", "bf16_channels_last"];

    public static string Format(JsonObject bench)
    {
        var s = new StringBuilder();
        s.AppendLine("| what | fp32 | fp32 channels-last | bf16 | bf16 channels-last |");
        s.AppendLine("|---|---|---|---|---|");
        Row(s, "3×3 conv 256→256, 56², batch 8 (roofline), GFLOP/s", bench["conv_roofline_gflops"]);
        Row(s, "matmul 2048², GFLOP/s", bench["matmul_gflops"]);
        Row(s, $"ExpNet training, 224 px, batch 16, img/s ({N(bench["expnet_gflop_per_img_fwd"])} GFLOP/img forward)", bench["expnet_train_img_s"]);
        Row(s, "ExpNet evaluation, ms/img", bench["expnet_eval_ms_per_img"]);
        if (bench["quick_profile_train_img_s"] is JsonObject quick)
        {
            Row(s, "ExpNet training at the quick profile's size (64 px, width ⅛, batch 64), img/s", quick["expnet"]);
            Row(s, "scratch-BN ExpNet training, quick profile's size, img/s", quick["scratch_bn_expnet"]);
        }
        Row(s, "stage-1 step (frozen VGG-16 + ExpNet), img/s", bench["stage1_train_img_s"]);
        foreach (var (name, net) in (JsonObject)bench["face_nets"]!)
        {
            if (net is null) { s.AppendLine($"| {name} | not installed | | | |"); continue; }
            Row(s, $"{name} training (fine-tune), img/s", net["train_img_s"]);
            Row(s, $"{name} evaluation, ms/img", net["eval_ms_per_img"]);
        }
        s.AppendLine($"| PyTorch ExpNet training, img/s | {N(bench["pytorch_expnet_train_img_s"])} | | | |");
        var data = bench["data_pipeline"]!;
        s.AppendLine($"| data: decode {data["image_size"]} px files, img/s | {N(data["decode_img_s"])} | | | |");
        s.AppendLine($"| data: random {data["crop"]} crop + flip + normalise, img/s | {N(data["crop_flip_img_s"])} | | | |");
        var rss = bench["rss_mb"]!;
        s.AppendLine($"| RSS at training step 100 / 500, MiB | {N(rss["step_100"])} / {N(rss["step_500"])} | | | |");
        s.AppendLine();
        var r = bench["ratios"]!;
        s.AppendLine($"ExpNet training, fastest format ({r["expnet_fastest_format"]}): {N(r["expnet_train_gflops"])} GFLOP/s = " +
                     $"{R(r["expnet_train_vs_conv_roofline"])} of that precision's conv roofline; " +
                     $"{(r["expnet_train_vs_pytorch_fp32"] is { } p ? $"{R(p)}× PyTorch's fp32 step" : "PyTorch not measured")}.");
        var m = bench["machine"]!;
        s.AppendLine($"Machine: {m["cpu"]}, {m["cores"]} cores, {m["torch_threads"]} libtorch threads, huge pages {(m["huge_pages"]?.GetValue<bool>() == true ? "on" : "off")}; load average " +
                     $"{Load(m["load_avg_start"])} at the start, {Load(m["load_avg_end"])} at the end.");
        foreach (var note in (JsonArray?)bench["notes"] ?? []) s.AppendLine($"- {note}");
        return s.ToString();
    }

    private static void Row(StringBuilder s, string what, JsonNode? values) =>
        s.AppendLine($"| {what} | {string.Join(" | ", Columns.Select(c => values is JsonObject o && o.ContainsKey(c) ? N(o[c]) : ""))} |");

    private static string N(JsonNode? v) => v is null ? "—" : v.GetValue<double>() switch
    {
        >= 100 => v.GetValue<double>().ToString("F0", CultureInfo.InvariantCulture),
        var d => d.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string R(JsonNode? v) => v is null ? "—" : v.GetValue<double>().ToString("F2", CultureInfo.InvariantCulture);

    private static string Load(JsonNode? v) => v is JsonArray a ? string.Join(" ", a.Select(x => N(x))) : "?";
}
