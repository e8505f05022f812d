using System.Text.Json.Nodes;
using FaceNet2ExpNet.Benchmarks;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Tests.Benchmarks;

/// <summary>The bench's computed figures (no timings here): ExpNet's FLOP count, the ratios and the table.</summary>
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
    public void Ratios_take_the_fastest_format_against_its_precisions_best_roofline_and_PyTorch()
    {
        var bench = Sample();
        var r = BenchRatios.Of(bench);
        Assert.Equal("bf16_channels_last", r["expnet_fastest_format"]!.GetValue<string>());
        Assert.Equal(20 * 3 * 6.69, r["expnet_train_gflops"]!.GetValue<double>(), 1);
        Assert.Equal(20 * 3 * 6.69 / 1000, r["expnet_train_vs_conv_roofline"]!.GetValue<double>(), 3);
        Assert.Equal(2.5, r["expnet_train_vs_pytorch_fp32"]!.GetValue<double>(), 3);

        bench["pytorch_expnet_train_img_s"] = null;
        Assert.False(BenchRatios.Of(bench).ContainsKey("expnet_train_vs_pytorch_fp32"));
    }

    [Fact]
    public void The_table_shows_every_figure_and_says_what_was_not_measured()
    {
        var bench = Sample();
        bench["ratios"] = BenchRatios.Of(bench);
        var table = BenchTable.Format(bench);
        Assert.Contains("| ExpNet training, 224 px, batch 16, img/s (6.69 GFLOP/img forward) | 8 | 9 | 14 | 20 |", table);
        Assert.Contains("| ExpNet training at the quick profile's size (64 px, width ⅛, batch 64), img/s | 1800 | 3300 | 1500 | 3100 |", table);
        Assert.Contains("| faceres | not installed | | | |", table);
        Assert.Contains("| PyTorch ExpNet training, img/s | 8 | | | |", table);
        Assert.Contains("0.40 of that precision's conv roofline; 2.50× PyTorch's fp32 step", table);
        Assert.Contains("load average 1.5 1.2 1 at the start, 0.9 1 1 at the end", table);
    }

    private static JsonObject Sample() => JsonNode.Parse("""
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
          "pytorch_expnet_train_img_s": 8,
          "data_pipeline": { "images": 10, "image_size": 256, "crop": 224, "decode_img_s": 300, "crop_flip_img_s": 5000 },
          "rss_mb": { "step_100": 900, "step_500": 905 },
          "notes": []
        }
        """)!.AsObject();
}
