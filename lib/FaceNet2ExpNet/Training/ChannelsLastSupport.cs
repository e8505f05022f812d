using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// The one kind of layer libtorch 2.10 (oneDNN 3.7) cannot run channels-last here: a 1×1 convolution with 1024 or more output
/// channels on a channels-last input kills the process (SIGFPE in oneDNN's brgemm 1×1 blocking heuristic; measured:
/// 256→1024, 512→1024, 512→2048, 1024→2048 crash, 128→1024, 384→1024, 1024→1024 do not — too irregular to allow any),
/// e.g. faceres's conv_pw_12 and the 512→1024 bridge of its ExpNet. <see cref="Guard"/> makes each such layer take its
/// input in NCHW instead (a copy of a small late map; a no-op for an NCHW input), so the rest of the network still runs
/// channels-last.
/// </summary>
public static class ChannelsLastSupport
{
    public const int MaxPointwiseOutputs = 1023;

    /// <summary>The layers of <paramref name="model"/> that crash on a channels-last input (name, layer).</summary>
    public static IReadOnlyList<(string Name, Convolution Layer)> CrashingLayers(nn.Module model) =>
        model.named_modules()
            .Where(m => m.module is Convolution { transposed: false } conv && conv.kernel_size.All(k => k == 1) && conv.out_channels > MaxPointwiseOutputs)
            .Select(m => (m.name, (Convolution)m.module))
            .ToList();

    /// <summary>
    /// Installs, once per layer, a forward pre-hook on each of <see cref="CrashingLayers"/> that hands it its input in
    /// NCHW (<c>contiguous()</c>); hooks run when a module is invoked with <c>call</c>, as every network here invokes its
    /// convolutions. The layer's output and everything after it are then NCHW, forward and backward. Returns the
    /// guarded layers' names.
    /// </summary>
    public static IReadOnlyList<string> Guard(nn.Module model)
    {
        var layers = CrashingLayers(model);
        foreach (var (_, conv) in layers)
            if (Guarded.First(conv)) conv.register_forward_pre_hook(ToNchw);
        return layers.Select(l => l.Name).ToList();
    }

    private static Tensor ToNchw(nn.Module<Tensor, Tensor> layer, Tensor input) => input.is_contiguous() ? input : input.contiguous();

    private static readonly OncePerLayer Guarded = new();
}
