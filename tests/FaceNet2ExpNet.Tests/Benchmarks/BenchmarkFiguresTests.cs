using System.Text.Json.Nodes;
using FaceNet2ExpNet.Benchmarks;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Tests.Benchmarks;

/// <summary>The bench's computed figures (no timings here): ExpNet's FLOP count, the ratios (like with like against PyTorch) and the tables.</summary>
public sealed class BenchmarkFiguresTests
{
    [Fact]
    public void ExpNet_forward_at_224_is_6_69_GFLOP_per_image_from_its_architecture()
    {
        using var net = new ExpNet(new ExpNetOptions { Classes = 8, Size = new NetworkSize(224, 1) });
        // conv1..5: 0.173 + 1.850 + 1.850 + 1.850 + 0.925 GFLOP, the bridge 0.026, FC-256 0.013, the classifier 4 kFLOP.
        Assert.Equal(6_685_855_744, ArchitectureFlops.ExpNetForward(net));   // the 6.69
        using var small = new ExpNet(new ExpNetOptions { Classes = 8, Size = new NetworkSize(112, 0.5) });
        Assert.InRange(ArchitectureFlops.ExpNetForward(small) / ArchitectureFlops.ExpNetForward(net), 1 / 16.5, 1 / 15.0);   // ¼ the pixels, ¼ the MACs per pixel
    }

    [Fact]
    public void Ratios_take_the_fastest_format_against_its_precisions_best_roofline_and_PyTorch_in_the_same_format()
    {
        var bench = Sample();
        var r = BenchRatios.Of(bench);
        Assert.Equal("bf16_channels_last", r["expnet_fastest_format"]!.GetValue<string>());
        Assert.Equal(20 * 3 * 6.69, r["expnet_train_gflops"]!.GetValue<double>(), 1);
        Assert.Equal(20 * 3 * 6.69 / 1000, r["expnet_train_vs_conv_roofline"]!.GetValue<double>(), 3);
        // Like with like: ours / PyTorch's per format (8/8, 9/12, 14/10, 20/16), the headline in our fastest format.
        var byFormat = r["expnet_train_vs_pytorch_by_format"]!;
        Assert.Equal(1.0, byFormat["fp32"]!.GetValue<double>(), 3);
        Assert.Equal(0.75, byFormat["fp32_channels_last"]!.GetValue<double>(), 3);
        Assert.Equal(1.4, byFormat["bf16"]!.GetValue<double>(), 3);
        Assert.Equal(1.25, byFormat["bf16_channels_last"]!.GetValue<double>(), 3);
        Assert.Equal(1.25, r["expnet_train_vs_pytorch"]!.GetValue<double>(), 3);
        Assert.Equal(2.5, r["expnet_fastest_vs_pytorch_fp32"]!.GetValue<double>(), 3);   // the old comparison: our fastest / PyTorch's fp32

        // PyTorch measured in fp32 only (bf16 skipped): no same-format headline, the fp32 comparison stays.
        bench["pytorch_expnet_train_img_s"] = JsonNode.Parse("""{ "fp32": 8, "fp32_channels_last": 12, "bf16": null, "bf16_channels_last": null }""");
        r = BenchRatios.Of(bench);
        Assert.Null(r["expnet_train_vs_pytorch"]);
        Assert.Null(r["expnet_train_vs_pytorch_by_format"]!["bf16"]);
        Assert.Equal(2.5, r["expnet_fastest_vs_pytorch_fp32"]!.GetValue<double>(), 3);

        // PyTorch absent: every entry null, no PyTorch ratio.
        bench["pytorch_expnet_train_img_s"] = JsonNode.Parse("""{ "fp32": null, "fp32_channels_last": null, "bf16": null, "bf16_channels_last": null }""");
        r = BenchRatios.Of(bench);
        Assert.Null(r["expnet_train_vs_pytorch"]);
        Assert.Null(r["expnet_fastest_vs_pytorch_fp32"]);
        Assert.All((JsonObject)r["expnet_train_vs_pytorch_by_format"]!, kv => Assert.Null(kv.Value));
    }

    [Fact]
    public void Without_bf16_the_fastest_fp32_format_is_compared_with_the_fp32_roofline()
    {
        var bench = Sample();
        bench["expnet_train_img_s"] = JsonNode.Parse("""{ "fp32": 8, "fp32_channels_last": 9, "bf16": null, "bf16_channels_last": null }""");
        bench["conv_roofline_gflops"] = JsonNode.Parse("""{ "fp32": 470, "fp32_channels_last": 480, "bf16": null, "bf16_channels_last": null }""");
        var r = BenchRatios.Of(bench);
        Assert.Equal("fp32_channels_last", r["expnet_fastest_format"]!.GetValue<string>());
        Assert.Equal(9 * 3 * 6.69 / 480, r["expnet_train_vs_conv_roofline"]!.GetValue<double>(), 3);
        Assert.Equal(0.75, r["expnet_train_vs_pytorch"]!.GetValue<double>(), 3);
    }

    [Fact]
    public void The_table_shows_every_figure_and_says_what_was_not_measured()
    {
        var bench = Sample();
        bench["ratios"] = BenchRatios.Of(bench);
        var table = BenchTable.Format(bench);
        Assert.Contains("| ExpNet training, 224 px, batch 16, img/s (6.69 GFLOP/img forward) | 8 | 9 | 14 | 20 |", table);
        Assert.Contains("| PyTorch ExpNet training, same step, img/s | 8 | 12 | 10 | 16 |", table);
        Assert.Contains("| ExpNet training, ours / PyTorch's | 1 | 0.75 | 1.4 | 1.25 |", table);
        Assert.Contains("| ExpNet training at the quick profile's size (64 px, width ⅛, batch 64), img/s | 1800 | 3300 | 1500 | 3100 |", table);
        Assert.Contains("| faceres | not installed | | | |", table);
        Assert.Contains("0.40 of that precision's conv roofline; 1.25× PyTorch's step in the same format (2.50× PyTorch's fp32 step)", table);
        Assert.Contains("load average 1.5 1.2 1 at the start, 0.9 1 1 at the end", table);
        Assert.Contains("- PyTorch: PyTorch 1.13, 2 threads", table);

        // The cpu profile: its steps per face net, then the predicted fold, method by method, for both fold sizes.
        Assert.Contains("cpu profile: 96 px crops of 112 px images, width 1, batch 64, the teacher on every step on mixup blends (α 1); precision auto → bf16", table);
        Assert.Contains("| step | faceapi-resnet (bf16 + channels-last) | faceres (not installed) |", table);
        Assert.Contains("| stage-1 step from cached targets, img/s | 256 |  |", table);
        Assert.Contains("| FN2EN ExpNet evaluation, ms/img | 1.56 |  |", table);
        Assert.Contains("| predicted fold, faceapi-resnet | steps (1177 train / 131 test) | s | steps (183 train / 20 test) | s |", table);
        Assert.Contains("| vgg-finetune | 190 | 196 | 192 | 198 |", table);
        Assert.Contains("| scratch-bn | 760 | 396 | 762 | 397 |", table);
        Assert.Contains("| data: decode once |  | 13 |  | 2 |", table);
        Assert.Contains("| **total** |  | **1827** (30.5 min) |  | **1817** (30.3 min) |", table);
    }

    [Fact]
    public void Without_PyTorch_and_bf16_the_table_shows_dashes_and_the_notes()
    {
        var bench = Sample();
        bench["pytorch_expnet_train_img_s"] = JsonNode.Parse("""{ "fp32": null, "fp32_channels_last": null, "bf16": null, "bf16_channels_last": null }""");
        bench["pytorch_note"] = PyTorchBench.HowToGet;
        bench["expnet_train_img_s"] = JsonNode.Parse("""{ "fp32": 8, "fp32_channels_last": 9, "bf16": null, "bf16_channels_last": null }""");
        bench["notes"] = new JsonArray("bf16 not measured: this CPU has no native bf16 (AVX2 only); …");
        bench["ratios"] = BenchRatios.Of(bench);
        var table = BenchTable.Format(bench);
        Assert.Contains("| PyTorch ExpNet training, same step, img/s | — | — | — | — |", table);
        Assert.Contains("| ExpNet training, 224 px, batch 16, img/s (6.69 GFLOP/img forward) | 8 | 9 | — | — |", table);
        Assert.Contains("PyTorch not measured in that format.", table);
        Assert.Contains("- PyTorch: PyTorch is not installed for /usr/bin/python3", table);
        Assert.Contains("- bf16 not measured: this CPU has no native bf16 (AVX2 only)", table);
    }

    /// <summary>A bench result; its cpu profile's rates are FoldTimeEstimateTests' (predicted folds 1827.1 s and 1817.4 s).</summary>
    private static JsonObject Sample()
    {
        var bench = Parsed();
        CpuProfileBench.AddFoldEstimates((JsonObject)bench["cpu_profile"]!, bench["data_pipeline"]);
        return bench;
    }

    private static JsonObject Parsed() => JsonNode.Parse("""
        {
          "machine": { "cpu": "test cpu", "cores": 2, "torch_threads": 2, "load_avg_start": [1.5, 1.2, 1.0], "load_avg_end": [0.9, 1.0, 1.0] },
          "conv_roofline_gflops": { "fp32": 470, "fp32_channels_last": 480, "bf16": 950, "bf16_channels_last": 1000 },
          "matmul_gflops": { "fp32": 900, "bf16": 1800 },
          "expnet_gflop_per_img_fwd": 6.69,
          "expnet_train_img_s": { "fp32": 8, "fp32_channels_last": 9, "bf16": 14, "bf16_channels_last": 20 },
          "expnet_eval_ms_per_img": { "fp32": 50, "fp32_channels_last": 45, "bf16": 30, "bf16_channels_last": 25 },
          "quick_profile_train_img_s": { "expnet": { "fp32": 1800, "fp32_channels_last": 3300, "bf16": 1500, "bf16_channels_last": 3100 }, "scratch_bn_expnet": { "fp32": 1500 } },
          "stage1_train_img_s": { "fp32": 4, "fp32_channels_last": 5, "bf16": null },
          "face_nets": { "vgg16": { "train_img_s": { "fp32": 3 }, "eval_ms_per_img": { "fp32": 100 } }, "faceres": null },
          "pytorch_expnet_train_img_s": { "fp32": 8, "fp32_channels_last": 12, "bf16": 10, "bf16_channels_last": 16 },
          "pytorch_note": "PyTorch 1.13, 2 threads, /usr/bin/python3 tools/bench/pytorch_expnet.py",
          "data_pipeline": { "images": 10, "image_size": 256, "crop": 224, "decode_img_s": 100, "crop_flip_img_s": 6400 },
          "rss_mb": { "step_100": 900, "step_500": 905 },
          "cpu_profile": {
            "profile": "cpu", "image_size": 112, "input_size": 96, "width": 1, "batch_size": 64, "target_augmentations": 0, "mixup": 1,
            "channels_last": true, "precision": "bf16", "precision_auto": "precision auto → bf16: this CPU computes bf16 natively (avx512_bf16)",
            "face_nets": {
              "faceapi-resnet": { "format": "bf16 + channels-last", "scratch_bn_train_img_s": 128, "scratch_bn_eval_ms_per_img": 1.5625,
                "finetune_train_img_s": 64, "face_net_eval_img_s": 320, "stage1_train_img_s": 256, "stage2_train_img_s": 128, "expnet_eval_ms_per_img": 1.5625 },
              "faceres": null
            }
          },
          "notes": []
        }
        """)!.AsObject();
}
