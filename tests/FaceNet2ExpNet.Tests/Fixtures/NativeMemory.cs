using System.Runtime.CompilerServices;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>
/// For tests of where libtorch's memory comes from (<see cref="HugePages"/>, <see cref="HeapReuse"/>): the library's
/// module initializers run before anything in this test assembly touches TorchSharp, as they do in fn2en and the
/// notebooks, and the process's page-fault count.
/// </summary>
public static class NativeMemory
{
    [ModuleInitializer]
    internal static void LibraryFirst() => RuntimeHelpers.RunModuleConstructor(typeof(HugePages).Module.ModuleHandle);

    /// <summary>Minor page faults of this whole process so far (/proc/self/stat, field 10).</summary>
    public static long MinorFaults() => long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);
}
