using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Keeps the memory of libtorch's freed CPU tensors in the C library's heap for the next step, as soon as this library
/// is loaded (a module initializer, like <see cref="HugePages"/>): glibc's <c>mallopt</c> with
/// <c>M_MMAP_THRESHOLD</c> and <c>M_TRIM_THRESHOLD</c> at 2 GiB, so an allocation under 2 GiB comes from the heap, not a
/// fresh <c>mmap</c>, and a free never hands the heap's top back to the OS.
/// Why: libtorch's CPU allocator has no cache, and glibc maps every allocation over 32 MiB afresh and unmaps it on free,
/// so each training step faulted in — and the kernel zeroed — its activations again (huge pages made the faults fewer,
/// not the zeroing). Measured on the 2-core AMD EPYC [AVX512-BF16], the background job paused, the cpu profile's
/// scratch-BN step (width 1, 96 px, batch 64, bf16 + channels-last), a process loading fold 0 and running 70 steps,
/// two runs each way: huge-page faults ~29,000 → ~1,000 per 80 steps, kernel CPU time 6.9–8.8 → 5.0–5.3 s, wall
/// 29.5–31.1 → 27.6–29.3 s (this VM's step times vary by ±15 % from run to run); losses equal to the last bit.
/// A cpu-profile stage 1 (live teacher, mixup; fold 0's validation split, 6 epochs = 5,904 images, evaluation
/// included), alternating runs: 120 and 122 img/s without, 129 and 136 img/s with — the same held-out FVU every epoch.
/// The price is memory: freed blocks of one size pattern (a run's steps, its evaluation, the next run's) are kept for
/// the next, so without more stage 1 + stage 2 of a cpu-profile validation fold (ExpNet with batch norm) peaked at
/// 6.8 GB RSS (a whole test fold had peaked at 1.7 GB before). Hence <see cref="ReleaseFree"/>, which the trainer calls
/// every <see cref="Trainer.ReleaseSteps"/> steps (after an epoch) and when a run ends: what is free then goes back to the
/// OS, and only the next step faults its activations in again. A whole cpu-profile test fold (faceapi-resnet, idle,
/// released once a minute) took 23 min 48 s instead of 30 min 23 s.
/// glibc serves the process's main thread from its main heap (fn2en's commands run there); other threads (a .NET
/// Interactive kernel's cells, test hosts) get 64 MiB heaps of their own, so there only allocations under ~64 MiB are
/// kept (and a non-main heap freed whole is unmapped by glibc). HeapReuseTests: a live 48 MiB tensor adds 0 instead
/// of 48 MiB to glibc's dedicated mappings.
/// Results are unchanged — only where memory comes from differs — so no run config or run id records it.
/// <c>FN2EN_HEAP_REUSE=0</c> in the environment turns it off. Linux (glibc) only; elsewhere nothing.
/// </summary>
public static class HeapReuse
{
    /// <summary>The environment variable that turns it off ("0").</summary>
    public const string Variable = "FN2EN_HEAP_REUSE";

    /// <summary>The thresholds (bytes): allocations below it come from the heap; the heap's top is kept below it.</summary>
    public const int Threshold = int.MaxValue;

    /// <summary>Whether glibc accepted both thresholds in this process.</summary>
    public static bool Enabled { get; private set; }

    // glibc's mallopt parameters (malloc.h).
    private const int TrimThreshold = -1, MmapThreshold = -3;

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "must run before libtorch's first large allocation, whoever calls the library first")]
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) == "0") return;
        try { Enabled = mallopt(MmapThreshold, Threshold) == 1 & mallopt(TrimThreshold, Threshold) == 1; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }   // not glibc (musl): its allocator, unchanged
    }

    /// <summary>
    /// Hands the heap's free memory back to the OS (glibc's <c>malloc_trim(0)</c>: the free pages in the middle of the
    /// heap too, not only its top), so memory kept for reuse within an epoch does not pile up across epochs and runs.
    /// Nothing when heap reuse is off.
    /// </summary>
    public static void ReleaseFree()
    {
        if (Enabled) malloc_trim(0);
    }

    [DllImport("libc")]
    private static extern int mallopt(int param, int value);

    [DllImport("libc")]
    private static extern int malloc_trim(nuint pad);
}
