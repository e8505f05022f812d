using System.Runtime.InteropServices;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>
/// The library makes glibc serve libtorch's large tensors from its heap, where a freed block waits for the next step's,
/// instead of mapping each afresh and unmapping it on free (<see cref="HeapReuse"/>): a live 48 MiB tensor adds nothing
/// to the bytes glibc holds in dedicated mappings (<c>mallinfo2().hblkhd</c>); without the library's thresholds it adds
/// its 48 MiB (glibc maps every allocation over 32 MiB on its own). Which heap — and so whether the very next tensor
/// reuses its pages — depends on the thread and what earlier tests left (<see cref="HeapReuse"/>'s summary), so that
/// part is measured, not tested (docs/performance.md); the same for <see cref="HeapReuse.ReleaseFree"/>.
/// Runs alone: glibc's counts are the whole process's.
/// </summary>
[Collection(TorchRng.Collection)]
public sealed class HeapReuseTests
{
    [Fact]
    public void A_large_tensor_comes_from_the_heap_not_a_mapping_of_its_own()
    {
        Assert.True(HeapReuse.Enabled, $"glibc did not take the heap thresholds (or {HeapReuse.Variable}=0 is set)");
        const long elements = (48L << 20) / 4;
        using (var warmUp = ones(16)) { }
        var before = MappedBytes();
        using var t = ones(elements, dtype: ScalarType.Float32);
        Assert.Equal(elements, t.sum().item<float>());
        var mapped = MappedBytes() - before;
        Assert.True(mapped < 1L << 20, $"{mapped >> 20} MiB more in dedicated mappings while a 48 MiB tensor lives (it should come from the heap)");
    }

    // glibc's mallinfo2 (malloc.h): hblkhd = bytes in blocks allocated with mmap, over every arena.
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2 { public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost; }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();

    private static long MappedBytes() => (long)mallinfo2().Hblkhd;
}
