using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Picks the compute device from a setting, never from code: "cpu" (default), "cuda" or "cuda:N". The setting comes
/// from the FN2EN_DEVICE environment variable unless given. CUDA needs the TorchSharp-cuda build (environment.md).
/// </summary>
public static class Devices
{
    public const string Variable = "FN2EN_DEVICE";

    /// <param name="setting">The device asked for (<c>--device</c>); null = the FN2EN_DEVICE environment variable, else cpu.</param>
    /// <exception cref="InvalidOperationException">CUDA asked for where it is not available (the message names where the request came from).</exception>
    /// <exception cref="ArgumentException">Not a device name.</exception>
    public static Device Resolve(string? setting = null)
    {
        var source = setting is not null ? "--device" : Environment.GetEnvironmentVariable(Variable) is not null ? Variable : "the default";
        setting = (setting ?? Environment.GetEnvironmentVariable(Variable) ?? "cpu").Trim().ToLowerInvariant();
        if (setting is "" or "cpu") return CPU;
        if (setting.StartsWith("cuda"))
        {
            if (!cuda.is_available())
                throw new InvalidOperationException(
                    $"{source} {setting}: CUDA is not available — this build uses the CPU libtorch, or no GPU/driver was found. " +
                    "Build with `dotnet build -p:TorchBackend=cuda` on a machine with an NVIDIA GPU (see environment.md), or use cpu.");
            return new Device(setting);
        }
        throw new ArgumentException($"{source} '{setting}' is not a device; use cpu, cuda or cuda:N.");
    }
}
