using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>
/// The library asks libtorch for huge pages before libtorch's first allocation (<see cref="HugePages"/>), and libtorch
/// honours it: a fresh 64 MiB tensor costs ~550 page faults here, not 16,384 (one per 4 KiB page).
/// Runs alone: the page-fault count is the whole process's, and tests running in parallel would add theirs.
/// </summary>
[Collection(TorchRng.Collection)]
public sealed class HugePagesTests
{
    [Fact]
    public void Libtorch_is_asked_for_huge_pages_when_the_library_loads()
    {
        Assert.True(HugePages.Enabled, $"{HugePages.Variable} is not 1 in the native environment");
    }

    [Fact]
    public void A_fresh_64_MiB_tensor_is_backed_by_huge_pages()
    {
        const string sysfs = "/sys/kernel/mm/transparent_hugepage/enabled";
        Assert.True(File.Exists(sysfs) && !File.ReadAllText(sysfs).Contains("[never]"),
            $"{sysfs} says transparent huge pages are off on this machine; the project's machines have them (madvise)");
        const long bytes = 64L << 20;
        using (var warmUp = ones(16)) { }   // loading libtorch itself maps ~16,000 pages
        var before = NativeMemory.MinorFaults();
        using (var t = ones(bytes / 4, dtype: ScalarType.Float32)) Assert.Equal(bytes / 4, t.sum().item<float>());
        var faults = NativeMemory.MinorFaults() - before;
        Assert.True(faults < bytes / 4096 / 2, $"{faults} page faults for a fresh 64 MiB tensor (4 KiB pages: {bytes / 4096})");
    }
}
