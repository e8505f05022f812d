using System.Text.Json.Nodes;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// The bench's format selection: which of its formats this CPU measures. bf16 is measured only where the CPU computes it
/// natively (<see cref="CpuFeatures.NativeBf16"/>: AVX512-BF16 or AMX-BF16, or <c>FN2EN_NATIVE_BF16=1</c>). Elsewhere
/// oneDNN emulates bf16 — convolutions ~100× slower than fp32, one bf16 ExpNet step minutes, so the bench would not
/// finish — and every bf16 figure (roofline probes, matmul, ExpNet, the quick-size steps, stage 1, the face nets, the cpu
/// profile's steps, PyTorch's bf16 formats) is skipped: null in the JSON, with <see cref="Note"/> once in its notes.
/// </summary>
public sealed class FormatSelection(bool nativeBf16, string bf16Description)
{
    /// <summary>This CPU's selection (<see cref="CpuFeatures.NativeBf16"/>, which reads <c>FN2EN_NATIVE_BF16</c> now).</summary>
    public static FormatSelection ForThisCpu() => new(CpuFeatures.NativeBf16, CpuFeatures.Bf16Description);

    /// <summary>True when bf16 figures are measured.</summary>
    public bool Bf16 => nativeBf16;

    /// <summary>The one note that says why no bf16 figure was measured; null when they are.</summary>
    public string? Note => nativeBf16 ? null :
        $"bf16 not measured: this CPU has no native bf16 ({bf16Description}); oneDNN would emulate it (convolutions ~100× slower " +
        $"than fp32, one bf16 ExpNet step took minutes), so every bf16 figure is null. {CpuFeatures.OverrideVariable}=1 measures it anyway.";

    public bool Measures(ComputeFormat format) => nativeBf16 || format.Precision != Precision.Bf16;

    /// <summary>By JSON key: "bf16", "bf16_channels_last" are bf16.</summary>
    public bool Measures(string formatKey) => nativeBf16 || !formatKey.StartsWith("bf16", StringComparison.Ordinal);

    public bool Measures(ScalarType dtype) => nativeBf16 || dtype != ScalarType.BFloat16;

    /// <summary>The formats of <paramref name="formats"/> this CPU measures.</summary>
    public (string Key, ComputeFormat Format)[] Measured(IEnumerable<(string Key, ComputeFormat Format)> formats) =>
        formats.Where(f => Measures(f.Format)).ToArray();

    /// <summary>
    /// One figure per format, by key: <paramref name="measure"/> for a measured format, null (without calling it) for a
    /// skipped one — every key is present either way.
    /// </summary>
    public JsonObject Figures(IEnumerable<(string Key, ComputeFormat Format)> formats, Func<string, ComputeFormat, double?> measure)
    {
        var result = new JsonObject();
        foreach (var (key, format) in formats) result[key] = Measures(format) ? measure(key, format) : null;
        return result;
    }
}
