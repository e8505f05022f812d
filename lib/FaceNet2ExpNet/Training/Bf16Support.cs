using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Which convolutions libtorch 2.10's CPU bf16 kernels (oneDNN 3.7, AVX512-BF16) compute correctly — measured on this
/// project's machines against fp32 (docs/performance.md, "bf16 limits"): a convolution whose output channels, or whose
/// input channels per group, are not a multiple of 16 gives wrong outputs or gradients (errors of 20–90 %, and some
/// shapes corrupt the heap); the input gradient of a strided depthwise convolution comes out wrong. Such layers run in
/// fp32 inside a bf16 region (<see cref="KeepInFp32"/>), the way PyTorch code excludes a layer from autocast, so a bf16
/// run never trains on wrong numbers while the rest of the network computes in bf16.
/// </summary>
public static class Bf16Support
{
    /// <summary>Channel counts of bf16 convolutions must be multiples of this (oneDNN's AVX-512 channel block).</summary>
    public const int ChannelBlock = 16;

    /// <summary>
    /// The convolutions of <paramref name="model"/> this libtorch gets wrong in bf16, by module name, each with one line
    /// saying why. <paramref name="training"/>: gradients flow through the model (a strided depthwise convolution is
    /// right in inference, wrong in training).
    /// </summary>
    public static IReadOnlyList<(string Name, Convolution Layer, string Why)> WrongLayers(nn.Module model, bool training)
    {
        var wrong = new List<(string, Convolution, string)>();
        foreach (var (name, module) in model.named_modules())
        {
            if (module is not Convolution conv) continue;
            var perGroup = conv.in_channels / conv.groups;
            var layer = $"layer {(name.Length == 0 ? model.GetName() : name)} ({conv.in_channels}→{conv.out_channels} channels, " +
                        $"{string.Join("×", conv.kernel_size)} kernel{(conv.groups > 1 ? $", {conv.groups} groups" : "")})";
            if (conv.out_channels % ChannelBlock != 0 || conv.in_channels % ChannelBlock != 0 && !IsImageInput(conv))
                wrong.Add((name, conv, $"{layer}: channel counts that are not multiples of {ChannelBlock} give wrong bf16 results in this libtorch"));
            else if (conv.groups > 1 && perGroup % ChannelBlock != 0 && perGroup != 1)
                wrong.Add((name, conv, $"{layer}: grouped convolutions with {perGroup} channels per group give wrong bf16 results in this libtorch"));
            else if (training && conv.groups > 1 && conv.stride.Any(s => s > 1))
                wrong.Add((name, conv, $"{layer}: a strided depthwise convolution gets wrong bf16 input gradients in this libtorch (inference is fine)"));
        }
        return wrong;
    }

    /// <summary>
    /// Makes every layer of <see cref="WrongLayers"/> run in fp32 whenever it is called inside a bf16 region: its input
    /// is cast to fp32 and autocast is suspended for that layer alone (its weights are the fp32 master weights, so its
    /// forward and backward are plain fp32); outside a region nothing changes. Installed once per layer (forward
    /// hooks, which run when a module is invoked with <c>call</c>, as PyTorch's <c>module(x)</c> — every network here
    /// invokes its convolutions so). Returns the names of the layers that run in fp32.
    /// </summary>
    public static IReadOnlyList<string> KeepInFp32(nn.Module model, bool training)
    {
        var layers = WrongLayers(model, training);
        foreach (var (_, conv, _) in layers)
            if (Installed.First(conv))
            {
                conv.register_forward_pre_hook(SuspendAutocast);
                conv.register_forward_hook(ResumeAutocast);
            }
        return layers.Select(l => l.Name).ToList();
    }

    private static Tensor SuspendAutocast(nn.Module<Tensor, Tensor> layer, Tensor input)
    {
        var device = input.device_type;
        var enabled = Autocast.IsEnabled(device);
        Suspended.Push(enabled);
        if (!enabled) return input;
        Autocast.SetEnabled(device, false);
        return input.dtype == ScalarType.Float32 ? input : input.to_type(ScalarType.Float32);
    }

    private static Tensor ResumeAutocast(nn.Module<Tensor, Tensor> layer, Tensor input, Tensor output)
    {
        if (Suspended.Count > 0 && Suspended.Pop()) Autocast.SetEnabled(output.device_type, true);
        return output;
    }

    private static bool IsImageInput(Convolution conv) =>
        conv.in_channels <= 3 && conv.groups == 1 && conv.kernel_size.Any(k => k > 1);

    private static readonly OncePerLayer Installed = new();
    [ThreadStatic] private static Stack<bool>? suspended;
    private static Stack<bool> Suspended => suspended ??= new Stack<bool>();
}
