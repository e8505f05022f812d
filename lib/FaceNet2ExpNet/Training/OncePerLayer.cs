using System.Runtime.CompilerServices;
using TorchSharp.Modules;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Remembers which layers a hook has been installed on, so preparing a network again (every <c>PreparedFor</c>) does
/// not stack a second copy: <see cref="First"/> is true once per layer. Weak keys: a disposed network is forgotten.
/// </summary>
internal sealed class OncePerLayer
{
    private readonly ConditionalWeakTable<Convolution, object> seen = new();
    private static readonly object Marker = new();

    /// <summary>True the first time <paramref name="layer"/> is given, false after.</summary>
    public bool First(Convolution layer) => seen.TryAdd(layer, Marker);
}
