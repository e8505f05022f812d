using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// Learned fractionally-strided convolution that brings ExpNet's last map to the face net's pool5 size when they differ
/// (Sec. III-B). Per axis: stride s = ⌈target/source⌉, kernel 2s (neighbouring outputs share inputs, so the map is smooth),
/// padding ⌊s/2⌋, then a centre crop of the few surplus rows/columns.
/// </summary>
public sealed class FeatureUpsampler : Module<Tensor, Tensor>
{
    private readonly ConvTranspose2d deconv;
    private readonly (int H, int W) target;

    public FeatureUpsampler(int channels, (int H, int W) source, (int H, int W) target) : base(nameof(FeatureUpsampler))
    {
        if (source.H > target.H || source.W > target.W)
            throw new ArgumentException(
                $"FeatureUpsampler only upsamples: ExpNet's map is {source.H}×{source.W} but the face net's pool5 is {target.H}×{target.W}. " +
                "Choose input sizes for which ExpNet's map is not larger than the face net's.");
        this.target = target;
        var (sh, kh, ph) = Axis(source.H, target.H);
        var (sw, kw, pw) = Axis(source.W, target.W);
        deconv = Init.He(ConvTranspose2d(channels, channels, (kh, kw), stride: (sh, sw), padding: (ph, pw)));
        RegisterComponents();
    }

    private static (long Stride, long Kernel, long Padding) Axis(int from, int to)
    {
        if (from == to) return (1, 1, 0);
        var s = (to + from - 1) / from;
        return (s, 2 * s, s / 2);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = deconv.call(x);
        var top = (y.shape[2] - target.H) / 2;
        var left = (y.shape[3] - target.W) / 2;
        return y.narrow(2, top, target.H).narrow(3, left, target.W).MoveToOuterDisposeScope();
    }
}
