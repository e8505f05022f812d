using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>The formats a benchmark figure is measured in, by their JSON key.</summary>
public static class BenchFormats
{
    public static readonly ComputeFormat Bf16 = new() { Precision = Precision.Bf16 };

    /// <summary>The three every figure has: fp32, fp32 channels-last, bf16 (autocast, NCHW input).</summary>
    public static readonly (string Key, ComputeFormat Format)[] Main =
    [
        ("fp32", ComputeFormat.Fp32),
        ("fp32_channels_last", ComputeFormat.Fp32 with { ChannelsLast = true }),
        ("bf16", Bf16),
    ];

    /// <summary><see cref="Main"/> plus bf16 with channels-last input (ExpNet's figures).</summary>
    public static readonly (string Key, ComputeFormat Format)[] All = [.. Main, ("bf16_channels_last", Bf16 with { ChannelsLast = true })];
}
