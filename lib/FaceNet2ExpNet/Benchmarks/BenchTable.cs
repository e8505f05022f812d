using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>A <see cref="Benchmark"/> result as Markdown tables (what <c>fn2en bench</c> prints and docs/performance.md shows).</summary>
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
        Row(s, "PyTorch ExpNet training, same step, img/s", PyTorch(bench["pytorch_expnet_train_img_s"]));
        if (bench["ratios"]?["expnet_train_vs_pytorch_by_format"] is JsonObject byFormat) Row(s, "ExpNet training, ours / PyTorch's", byFormat);
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
        var data = bench["data_pipeline"]!;
        s.AppendLine($"| data: decode {data["image_size"]} px files, img/s | {N(data["decode_img_s"])} | | | |");
        s.AppendLine($"| data: random {data["crop"]} crop + flip + normalise, img/s | {N(data["crop_flip_img_s"])} | | | |");
        var rss = bench["rss_mb"]!;
        s.AppendLine($"| RSS at training step 100 / 500, MiB | {N(rss["step_100"])} / {N(rss["step_500"])} | | | |");
        s.AppendLine();
        s.AppendLine(RatiosLine(bench["ratios"]!));
        if (bench["cpu_profile"] is JsonObject cpu) CpuProfile(s, cpu);
        var m = bench["machine"]!;
        s.AppendLine($"Machine: {m["cpu"]}, {m["cores"]} cores, {m["torch_threads"]} libtorch threads, huge pages {OnOff(m["huge_pages"])}, heap reuse {OnOff(m["heap_reuse"])}; load average " +
                     $"{Load(m["load_avg_start"])} at the start, {Load(m["load_avg_end"])} at the end.");
        if (bench["pytorch_note"] is { } pytorchNote) s.AppendLine($"- PyTorch: {pytorchNote}");
        foreach (var note in (JsonArray?)bench["notes"] ?? []) s.AppendLine($"- {note}");
        return s.ToString();
    }

    private static string OnOff(JsonNode? flag) => flag?.GetValue<bool>() == true ? "on" : "off";

    private static string RatiosLine(JsonNode r)
    {
        if (r["expnet_fastest_format"] is not { } fastest) return "ExpNet training: no format measured.";
        var pytorch = r["expnet_train_vs_pytorch"] is { } same
            ? $"{R(same)}× PyTorch's step in the same format" + (r["expnet_fastest_vs_pytorch_fp32"] is { } fp32 ? $" ({R(fp32)}× PyTorch's fp32 step)" : "")
            : "PyTorch not measured in that format";
        return $"ExpNet training, fastest format ({fastest}): {N(r["expnet_train_gflops"])} GFLOP/s = {R(r["expnet_train_vs_conv_roofline"])} of that precision's conv roofline; {pytorch}.";
    }

    /// <summary>How stage 1 gets its teacher's targets: cached views, or live on every step (on mixup blends when set).</summary>
    private static string Teacher(JsonObject cpu)
    {
        var views = cpu["target_augmentations"]?.GetValue<int>() ?? 0;
        var mixup = cpu["mixup"]?.GetValue<double>() ?? 0;
        return views > 0 ? $"{views} teacher views per image"
            : "the teacher on every step" + (mixup > 0 ? FormattableString.Invariant($" on mixup blends (α {mixup:G})") : "");
    }

    /// <summary>The cpu profile's steps per face net, then each face net's predicted fold: method, steps, seconds, for both fold sizes.</summary>
    private static void CpuProfile(StringBuilder s, JsonObject cpu)
    {
        var nets = ((JsonObject)cpu["face_nets"]!).ToList();
        s.AppendLine();
        s.AppendLine($"cpu profile: {cpu["input_size"]} px crops of {cpu["image_size"]} px images, width {cpu["width"]}, batch {cpu["batch_size"]}, " +
                     $"{Teacher(cpu)}; {cpu["precision_auto"]}.");
        s.AppendLine();
        s.AppendLine($"| step | {string.Join(" | ", nets.Select(n => n.Value is null ? $"{n.Key} (not installed)" : $"{n.Key} ({n.Value["format"]})"))} |");
        s.AppendLine($"|---|{string.Concat(nets.Select(_ => "---|"))}");
        foreach (var (key, what) in new[]
                 {
                     ("scratch_bn_train_img_s", "scratch-BN ExpNet training, img/s"), ("scratch_bn_eval_ms_per_img", "scratch-BN ExpNet evaluation, ms/img"),
                     ("finetune_train_img_s", "face net fine-tuning, img/s"), ("face_net_eval_img_s", "face net forward (teacher targets, test evaluation), img/s"),
                     ("stage1_train_img_s", "stage-1 step from cached targets, img/s"), ("stage2_train_img_s", "stage-2 step, img/s"),
                     ("expnet_eval_ms_per_img", "FN2EN ExpNet evaluation, ms/img"),
                 })
            s.AppendLine($"| {what} | {string.Join(" | ", nets.Select(n => n.Value is null ? "" : N(n.Value[key])))} |");
        foreach (var (name, net) in nets)
        {
            if (net?["predicted_fold"] is not JsonObject folds) continue;
            var sizes = folds.ToList();
            s.AppendLine();
            s.AppendLine($"| predicted fold, {name} | {string.Join(" | ", sizes.Select(f => $"steps ({f.Value!["train_images"]} train / {f.Value["test_images"]} test) | s"))} |");
            s.AppendLine($"|---|{string.Concat(sizes.Select(_ => "---|---|"))}");
            foreach (var (method, _) in (JsonObject)sizes[0].Value!["methods"]!)
                s.AppendLine($"| {method}{(method == "fn2en-stage1" ? " (with teacher targets)" : "")} | " +
                             $"{string.Join(" | ", sizes.Select(f => $"{f.Value!["methods"]![method]!["steps"]} | {Seconds(f.Value["methods"]![method]!["seconds"])}"))} |");
            s.AppendLine($"| data: decode once | {string.Join(" | ", sizes.Select(f => $" | {Seconds(f.Value!["decode_s"])}"))} |");
            s.AppendLine($"| **total** | {string.Join(" | ", sizes.Select(f => $" | **{Seconds(f.Value!["total_s"])}** ({Minutes(f.Value["total_s"])})"))} |");
        }
        s.AppendLine();
    }

    /// <summary>PyTorch's figures by format (an older bench's single number is its fp32).</summary>
    private static JsonNode? PyTorch(JsonNode? v) => v is JsonValue single ? new JsonObject { ["fp32"] = single.GetValue<double>() } : v;

    private static void Row(StringBuilder s, string what, JsonNode? values) =>
        s.AppendLine($"| {what} | {string.Join(" | ", Columns.Select(c => values is JsonObject o && o.ContainsKey(c) ? N(o[c]) : ""))} |");

    private static string N(JsonNode? v) => v is null ? "—" : v.GetValue<double>() switch
    {
        >= 100 => v.GetValue<double>().ToString("F0", CultureInfo.InvariantCulture),
        var d => d.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string R(JsonNode? v) => v is null ? "—" : v.GetValue<double>().ToString("F2", CultureInfo.InvariantCulture);

    private static string Seconds(JsonNode? v) => v is null ? "—" : v.GetValue<double>().ToString("F0", CultureInfo.InvariantCulture);

    private static string Minutes(JsonNode? v) => v is null ? "—" : (v.GetValue<double>() / 60).ToString("F1", CultureInfo.InvariantCulture) + " min";

    private static string Load(JsonNode? v) => v is JsonArray a ? string.Join(" ", a.Select(x => N(x))) : "?";
}
