using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Turns on libtorch's own switch for backing CPU tensors of 2 MiB and more with transparent huge pages
/// (<c>THP_MEM_ALLOC_ENABLE=1</c>, read once by c10's CPU allocator at its first allocation), as soon as this library
/// is loaded — so the CLIs, the notebooks and code that calls the library all get it without a setting.
/// Why: libtorch returns a step's large activations to the OS and maps them afresh in the next step, and every 4 KiB
/// page of a fresh mapping is a page fault. Measured on the project's 2-core VMs (docs/performance.md): an ExpNet
/// forward at 224 px, batch 8, took ~150,000 faults; with huge pages ~7,000. Idle `fn2en bench`: ExpNet training at
/// 224 px 2.38 → 7.50 img/s (fp32), faceres fine-tuning 10.5 → 26.9 img/s. Results are unchanged: only where memory
/// comes from differs, so no run config or run id records it.
/// A value already in the environment wins (<c>THP_MEM_ALLOC_ENABLE=0</c> turns it off). Linux only; elsewhere nothing.
/// Set too late (after libtorch's first allocation in this process) it has no effect — hence a module initializer.
/// </summary>
public static class HugePages
{
    /// <summary>libtorch's environment variable (c10/core/impl/alloc_cpu.cpp).</summary>
    public const string Variable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>Whether this process asked libtorch for huge pages (the variable is "1" in the native environment).</summary>
    public static bool Enabled => OperatingSystem.IsLinux() && Marshal.PtrToStringUTF8(getenv(Variable)) == "1";

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "must run before libtorch's first allocation, whoever calls the library first")]
    internal static void Request()
    {
        // .NET keeps its own copy of the environment on Unix: libtorch reads the C library's, so set it there.
        if (OperatingSystem.IsLinux()) setenv(Variable, "1", overwrite: 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern IntPtr getenv(string name);
}
