namespace FaceNet2ExpNet.Training;

/// <summary>
/// What this CPU computes natively, read from /proc/cpuinfo's flags: bf16 matrix arithmetic (AVX512-BF16 or AMX-BF16).
/// Without it oneDNN emulates bf16 — 50–100× slower than fp32 (measured: conv 1.5 vs 145 GFLOP/s on an AVX2-only EPYC;
/// docs/performance.md) — so the setting <c>precision=auto</c> picks bf16 only where this is true, and <c>fn2en bench</c>
/// measures bf16 only then.
/// <para>The environment variable <c>FN2EN_NATIVE_BF16</c> overrides the flags: <c>0</c> = behave as a CPU without
/// native bf16 (<c>precision=auto</c> → fp32, the bench skips bf16), <c>1</c> = as one with it; unset or empty = the
/// flags decide. It is read on every call, so a test can set it for one check (<see cref="Override"/>).</para>
/// </summary>
public static class CpuFeatures
{
    /// <summary>The environment variable that overrides <see cref="NativeBf16"/>: "0" or "1".</summary>
    public const string OverrideVariable = "FN2EN_NATIVE_BF16";

    private static readonly Lazy<IReadOnlySet<string>> Flags = new(ReadFlags);

    /// <summary>The CPU's flags (empty where /proc/cpuinfo cannot be read: not Linux).</summary>
    public static IReadOnlySet<string> All => Flags.Value;

    /// <summary>True when the CPU's flags include AVX512-BF16 or AMX-BF16 instructions (whatever the override says).</summary>
    public static bool HasBf16Instructions => All.Contains("avx512_bf16") || All.Contains("amx_bf16");

    /// <summary><c>FN2EN_NATIVE_BF16</c> as set now: true for "1", false for "0", null when unset or empty.</summary>
    /// <exception cref="InvalidOperationException">Any other value (the message says what is accepted).</exception>
    public static bool? Override => Environment.GetEnvironmentVariable(OverrideVariable)?.Trim() switch
    {
        null or "" => null,
        "1" => true,
        "0" => false,
        var v => throw new InvalidOperationException($"{OverrideVariable}='{v}': use 0 (no native bf16) or 1 (native bf16), or unset it to read the CPU's flags."),
    };

    /// <summary>True when bf16 counts as native here: <see cref="Override"/> if set, else <see cref="HasBf16Instructions"/>.</summary>
    public static bool NativeBf16 => Override ?? HasBf16Instructions;

    /// <summary>
    /// "avx512_bf16" / "amx_bf16" when present, else what the CPU has instead ("AVX2 only", …); with the override set,
    /// "FN2EN_NATIVE_BF16=0; CPU: avx512_bf16". For log lines and notes.
    /// </summary>
    public static string Bf16Description => Override is { } o ? $"{OverrideVariable}={(o ? 1 : 0)}; CPU: {FlagsDescription}" : FlagsDescription;

    private static string FlagsDescription => HasBf16Instructions
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
