using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// Forward-pass cost of ExpNet per image, from its architecture (<see cref="ExpNet"/>: five 3×3 convolutions, each
/// followed by a 3×3 stride-2 max pool, the 1×1 bridge, the optional deconvolution, FC-256 and the classifier).
/// Counts multiply-adds of convolutions and linear layers as 2 FLOP; ReLU, pooling, batch norm and dropout (under 1 %)
/// are left out, as is usual for such figures. A training step costs about 3× the forward pass.
/// </summary>
public static class ArchitectureFlops
{
    /// <summary>FLOP of one image's forward pass (ExpNet at 224 px, width 1, regressing VGG-16's pool5: 6.69 GFLOP).</summary>
    public static double ExpNetForward(ExpNet net)
    {
        var o = net.Options;
        var size = o.Size;
        double flop = 0;
        int side = size.InputSize, channels = 3;
        foreach (var paper in ExpNet.PaperChannels)
        {
            var outChannels = size.Channels(paper);
            flop += Conv(channels, outChannels, 3, side);
            side = Pooling.ExpNetPool(side);
            channels = outChannels;
        }
        var target = net.FeatureShape;
        flop += Conv(channels, target.Channels, 1, side);
        if (side < target.Height)
        {
            // FeatureUpsampler's deconvolution: kernel 2s over the source map, s = ceil(target / source).
            var s = (target.Height + side - 1) / side;
            flop += 2.0 * target.Channels * target.Channels * (2 * s) * (2 * s) * side * side;
        }
        flop += 2.0 * target.Count * o.Hidden + 2.0 * o.Hidden * o.Classes;
        return flop;
    }

    /// <summary>A k×k convolution, stride 1, "same" padding, at side × side.</summary>
    private static double Conv(int inChannels, int outChannels, int k, int side) => 2.0 * inChannels * outChannels * k * k * side * side;

    /// <summary>The roofline probe: a 3×3 convolution, <paramref name="channels"/> → <paramref name="channels"/>, at side², batch.</summary>
    public static double ConvProbe(int channels, int side, int batch) => batch * Conv(channels, channels, 3, side);
}
