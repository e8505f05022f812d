using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// libtorch's automatic mixed precision (PyTorch's <c>torch.autocast</c>) over a region of code on this thread: inside
/// it convolutions, linear layers and matrix products run in the region's low precision (here bf16), while losses
/// (cross-entropy, MSE, …) run in fp32 and other ops follow their inputs. Parameters, gradients and optimizer state stay
/// fp32 — the "master weights" — because autocast casts a weight on its way into each op, and the cast's backward
/// returns fp32 gradients. Use it around the forward pass and the loss, not the backward pass (as PyTorch advises).
/// <para>TorchSharp 0.107 has no binding for autocast (its main branch is adding one), so this calls libtorch's own
/// exported entry points (at::autocast::set_autocast_enabled etc.), by their C++ symbol names for the Itanium
/// (Linux, macOS) and MSVC (Windows) ABIs; <see cref="IsAvailable"/> is false when a libtorch build lacks them.</para>
/// </summary>
public sealed class Autocast : IDisposable
{
    private readonly sbyte device;
    private readonly bool wasEnabled;
    private readonly sbyte previousDtype;
    private bool disposed;

    private Autocast(DeviceType device, ScalarType dtype)
    {
        var n = Native.Value ?? throw new InvalidOperationException(Unavailable);
        this.device = (sbyte)device;
        wasEnabled = n.IsEnabled(this.device) != 0;
        previousDtype = n.GetDtype(this.device);
        n.SetDtype(this.device, (sbyte)dtype);
        n.SetEnabled(this.device, 1);
        n.IncrementNesting();
    }

    /// <summary>
    /// Runs the ops of this thread on <paramref name="device"/> under autocast to <paramref name="dtype"/> until disposed.
    /// Regions nest; leaving the outermost one drops the cached weight casts (weights change after each optimizer step).
    /// </summary>
    /// <exception cref="InvalidOperationException">This libtorch does not export autocast (<see cref="IsAvailable"/>).</exception>
    public static Autocast Enter(DeviceType device, ScalarType dtype = ScalarType.BFloat16) => new(device, dtype);

    /// <summary>True when libtorch's autocast entry points were found.</summary>
    public static bool IsAvailable => Native.Value is not null;

    /// <summary>True inside a region on this thread for <paramref name="device"/>.</summary>
    public static bool IsEnabled(DeviceType device) => Native.Value is { } n && n.IsEnabled((sbyte)device) != 0;

    /// <summary>
    /// Switches autocast on <paramref name="device"/> on or off in place, without a region: for a layer that must run
    /// outside the surrounding region (<see cref="Bf16Support.KeepInFp32"/>), which restores it after the layer.
    /// </summary>
    /// <exception cref="InvalidOperationException">This libtorch does not export autocast.</exception>
    public static void SetEnabled(DeviceType device, bool enabled) =>
        (Native.Value ?? throw new InvalidOperationException(Unavailable)).SetEnabled((sbyte)device, (byte)(enabled ? 1 : 0));

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        var n = Native.Value!;
        if (n.DecrementNesting() == 0) n.ClearCache();
        n.SetEnabled(device, (byte)(wasEnabled ? 1 : 0));
        n.SetDtype(device, previousDtype);
    }

    private const string Unavailable =
        "precision bf16 needs libtorch's autocast, and the libtorch loaded here does not export it (at::autocast::set_autocast_enabled). " +
        "Use --set precision=fp32, or the libtorch version this project pins (environment.md).";

    private static readonly Lazy<Entries?> Native = new(Entries.Find);

    /// <summary>The libtorch functions, resolved once. Itanium and MSVC names of the same declarations (libtorch 2.x); C++ bool is one byte.</summary>
    private sealed class Entries
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate void SetEnabledFn(sbyte device, byte enabled);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate byte IsEnabledFn(sbyte device);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate void SetDtypeFn(sbyte device, sbyte dtype);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate sbyte GetDtypeFn(sbyte device);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate int NestingFn();
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate void ClearCacheFn();

        public required SetEnabledFn SetEnabled { get; init; }
        public required IsEnabledFn IsEnabled { get; init; }
        public required SetDtypeFn SetDtype { get; init; }
        public required GetDtypeFn GetDtype { get; init; }
        public required NestingFn IncrementNesting { get; init; }
        public required NestingFn DecrementNesting { get; init; }
        public required ClearCacheFn ClearCache { get; init; }

        private static readonly (string Itanium, string Msvc)[] Names =
        [
            ("_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb", "?set_autocast_enabled@autocast@at@@YAXW4DeviceType@c10@@_N@Z"),
            ("_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE", "?is_autocast_enabled@autocast@at@@YA_NW4DeviceType@c10@@@Z"),
            ("_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE", "?set_autocast_dtype@autocast@at@@YAXW4DeviceType@c10@@W4ScalarType@4@@Z"),
            ("_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE", "?get_autocast_dtype@autocast@at@@YA?AW4ScalarType@c10@@W4DeviceType@4@@Z"),
            ("_ZN2at8autocast17increment_nestingEv", "?increment_nesting@autocast@at@@YAHXZ"),
            ("_ZN2at8autocast17decrement_nestingEv", "?decrement_nesting@autocast@at@@YAHXZ"),
            ("_ZN2at8autocast11clear_cacheEv", "?clear_cache@autocast@at@@YAXXZ"),
        ];

        public static Entries? Find()
        {
            _ = get_num_threads();   // makes TorchSharp load libtorch first
            if (LoadTorchCpu() is not { } lib) return null;
            var found = new IntPtr[Names.Length];
            for (var i = 0; i < Names.Length; i++)
                if (!NativeLibrary.TryGetExport(lib, OperatingSystem.IsWindows() ? Names[i].Msvc : Names[i].Itanium, out found[i])) return null;
            T F<T>(int i) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(found[i]);
            return new Entries
            {
                SetEnabled = F<SetEnabledFn>(0), IsEnabled = F<IsEnabledFn>(1), SetDtype = F<SetDtypeFn>(2), GetDtype = F<GetDtypeFn>(3),
                IncrementNesting = F<NestingFn>(4), DecrementNesting = F<NestingFn>(5), ClearCache = F<ClearCacheFn>(6),
            };
        }

        /// <summary>The torch_cpu library TorchSharp loaded: by name through the usual probing, else beside TorchSharp's assembly.</summary>
        private static IntPtr? LoadTorchCpu()
        {
            var names = OperatingSystem.IsWindows() ? new[] { "torch_cpu.dll" } : OperatingSystem.IsMacOS() ? ["libtorch_cpu.dylib"] : ["libtorch_cpu.so"];
            var assembly = typeof(torch).Assembly;
            foreach (var name in names)
            {
                if (NativeLibrary.TryLoad(name, assembly, null, out var h) || NativeLibrary.TryLoad(name, out h)) return h;
                var dir = Path.GetDirectoryName(assembly.Location);
                if (string.IsNullOrEmpty(dir)) continue;
                foreach (var file in Directory.EnumerateFiles(dir, name, SearchOption.AllDirectories))
                    if (NativeLibrary.TryLoad(file, out h)) return h;
            }
            return null;
        }
    }
}
