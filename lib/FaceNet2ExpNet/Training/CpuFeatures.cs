namespace FaceNet2ExpNet.Training;

/// <summary>
/// What this CPU computes natively, read from /proc/cpuinfo's flags: bf16 matrix arithmetic (AVX512-BF16 or AMX-BF16).
/// Without it oneDNN emulates bf16 — 50–100× slower than fp32 (measured: conv 1.5 vs 145 GFLOP/s on an AVX2-only EPYC;
/// docs/performance.md) — so the setting <c>precision=auto</c> picks bf16 only where this is true.
/// </summary>
public static class CpuFeatures
{
    private static readonly Lazy<IReadOnlySet<string>> Flags = new(ReadFlags);

    /// <summary>The CPU's flags (empty where /proc/cpuinfo cannot be read: not Linux).</summary>
    public static IReadOnlySet<string> All => Flags.Value;

    /// <summary>True when the CPU has AVX512-BF16 or AMX-BF16 instructions.</summary>
    public static bool NativeBf16 => All.Contains("avx512_bf16") || All.Contains("amx_bf16");

    /// <summary>"avx512_bf16" / "amx_bf16" when present, else what the CPU has instead ("AVX2 only", …): for log lines.</summary>
    public static string Bf16Description => NativeBf16
        ? string.Join(" + ", new[] { "avx512_bf16", "amx_bf16" }.Where(All.Contains))
        : All.Contains("avx512f") ? "AVX-512 without BF16" : All.Contains("avx2") ? "AVX2 only" : "no AVX-512, no AVX2";

    /// <summary>"bf16" or "fp32" for the setting <c>precision=auto</c>, with the one line that says why.</summary>
    public static (string Precision, string Why) Auto() => NativeBf16
        ? ("bf16", $"precision auto → bf16: this CPU computes bf16 natively ({Bf16Description})")
        : ("fp32", $"precision auto → fp32: this CPU has no native bf16 ({Bf16Description}; bf16 would be emulated, 50–100× slower)");

    private static IReadOnlySet<string> ReadFlags()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
            return line is null ? new HashSet<string>() : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        }
        catch (IOException) { return new HashSet<string>(); }
        catch (UnauthorizedAccessException) { return new HashSet<string>(); }
    }
}
