using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>
/// The library keeps freed libtorch memory in the heap (<see cref="HeapReuse"/>): a 48 MiB tensor made again after the
/// first is freed — what every training step does with its activations — reuses the first one's pages instead of
/// faulting in fresh ones (without it: hundreds of faults, each page zeroed again by the kernel).
/// What <see cref="HeapReuse.ReleaseFree"/> hands back depends on where glibc put the block (a test thread's heap: only
/// free blocks inside it, not its top), so it has no test here; measured instead (docs/performance.md).
/// Runs alone: the page-fault count is the whole process's.
/// </summary>
[Collection(TorchRng.Collection)]
public sealed class HeapReuseTests
{
    [Fact]
    public void The_heap_keeps_freed_tensors_for_the_next_allocation()
    {
        Assert.True(HeapReuse.Enabled, $"glibc did not take the heap thresholds (or {HeapReuse.Variable}=0 is set)");
        const long elements = (48L << 20) / 4;
        using (var warmUp = ones(16)) { }
        using (var first = ones(elements, dtype: ScalarType.Float32)) Assert.Equal(elements, first.sum().item<float>());
        var before = NativeMemory.MinorFaults();
        using (var again = ones(elements, dtype: ScalarType.Float32)) Assert.Equal(elements, again.sum().item<float>());
        var faults = NativeMemory.MinorFaults() - before;
        Assert.True(faults < 64, $"{faults} page faults for a 48 MiB tensor made again after the first was freed (its pages should be reused)");
    }
}
