using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Which networks libtorch 2.10 (oneDNN 3.7) can run channels-last here: a 1×1 convolution with 1024 or more output
/// channels on a channels-last input kills the process (SIGFPE in oneDNN's brgemm 1×1 blocking heuristic; measured:
/// 256→1024, 512→1024, 512→2048, 1024→2048 crash, 128→1024, 384→1024, 1024→1024 do not — too irregular to allow any),
/// e.g. faceres's conv_pw_12. Such networks are refused channels-last rather than crashing mid-run.
/// </summary>
public static class ChannelsLastSupport
{
    public const int MaxPointwiseOutputs = 1023;

    /// <summary>Null when <paramref name="model"/> can run channels-last; otherwise one line naming the first layer that cannot.</summary>
    public static string? Problem(nn.Module model)
    {
        foreach (var (name, module) in model.named_modules())
            if (module is Convolution { transposed: false } conv && conv.kernel_size.All(k => k == 1) && conv.out_channels > MaxPointwiseOutputs)
                return $"layer {name} ({conv.in_channels}→{conv.out_channels} channels, 1×1 kernel): a 1×1 convolution with 1024 or more " +
                       "outputs crashes this libtorch's oneDNN (SIGFPE) on a channels-last input";
        return null;
    }
}
