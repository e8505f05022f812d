using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Which convolutions libtorch 2.10's CPU bf16 kernels (oneDNN 3.7, AVX512-BF16) compute correctly — measured on this
/// project's machines against fp32 (docs/performance.md, "bf16 limits"): a convolution whose output channels, or whose
/// input channels per group, are not a multiple of 16 gives wrong outputs or gradients (errors of 20–90 %, and some
/// shapes corrupt the heap); the input gradient of a strided depthwise convolution comes out wrong. The exceptions
/// allowed are a first layer reading the 3 image channels with a kernel larger than 1×1 (its input needs no gradient).
/// bf16 is refused for a network with any other such layer rather than letting it train on wrong numbers.
/// </summary>
public static class Bf16Support
{
    /// <summary>Channel counts of bf16 convolutions must be multiples of this (oneDNN's AVX-512 channel block).</summary>
    public const int ChannelBlock = 16;

    /// <summary>
    /// Null when every convolution of <paramref name="model"/> is computed correctly in bf16; otherwise one line naming
    /// the first layer that is not and why. <paramref name="training"/>: gradients flow through the model.
    /// </summary>
    public static string? Problem(nn.Module model, bool training)
    {
        foreach (var (name, module) in model.named_modules())
        {
            if (module is not Convolution conv) continue;
            var perGroup = conv.in_channels / conv.groups;
            var layer = $"layer {(name.Length == 0 ? model.GetName() : name)} ({conv.in_channels}→{conv.out_channels} channels, " +
                        $"{string.Join("×", conv.kernel_size)} kernel{(conv.groups > 1 ? $", {conv.groups} groups" : "")})";
            if (conv.out_channels % ChannelBlock != 0 || conv.in_channels % ChannelBlock != 0 && !IsImageInput(conv))
                return $"{layer}: channel counts that are not multiples of {ChannelBlock} give wrong bf16 results in this libtorch";
            if (conv.groups > 1 && perGroup % ChannelBlock != 0 && perGroup != 1)
                return $"{layer}: grouped convolutions with {perGroup} channels per group give wrong bf16 results in this libtorch";
            if (training && conv.groups > 1 && conv.stride.Any(s => s > 1))
                return $"{layer}: a strided depthwise convolution gets wrong bf16 input gradients in this libtorch (inference is fine)";
        }
        return null;
    }

    private static bool IsImageInput(Convolution conv) =>
        conv.in_channels <= 3 && conv.groups == 1 && conv.kernel_size.Any(k => k > 1);
}
