using System.Reflection;
using System.Runtime.Loader;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Plotly.NET 6.0.0 is compiled against FSharp.Core 10.1 (≥ 10.1.403); the .NET Interactive kernel (1.0.712001) has
/// already loaded its own FSharp.Core 10.0 into the default load context, where a second copy cannot load. This
/// resolves every request for FSharp.Core that the default context cannot satisfy to the copy the kernel loaded.
/// Every chart the notebooks draw has been checked to work on it (environment.md, "The real kernel").
/// </summary>
public static class FSharpCoreRedirect
{
    private static int installed;

    /// <summary>Installs the resolver once per process (further calls do nothing).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == "FSharp.Core" ? Loaded("FSharp.Core") : null;
    }

    private static Assembly? Loaded(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
}
