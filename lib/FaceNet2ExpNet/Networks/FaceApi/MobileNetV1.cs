using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// The MobileNet v1 backbone of face-api's SSD detector (ssdMobilenetv1/mobileNetV1.ts): a 3×3 stride-2 conv
/// (<c>conv_0</c>, 3 → 32) then 13 pairs of a 3×3 depthwise conv and a 1×1 pointwise conv (<c>conv_1</c>…<c>conv_13</c>;
/// stride 2 at pairs 2, 4, 6 and 12), all with folded batch norm and ReLU6. For a 512² input: 32×32×512 after pair 11
/// (<c>Conv11</c>, the first SSD feature map) and 16×16×1024 after pair 13 (<c>Out</c>).
/// Weights: <c>MobilenetV1/Conv2d_0_pointwise/…</c>, <c>MobilenetV1/Conv2d_i_depthwise/…</c>, <c>MobilenetV1/Conv2d_i_pointwise/…</c>.
/// </summary>
public sealed class MobileNetV1 : Module<Tensor, (Tensor Out, Tensor Conv11)>
{
    /// <summary>Output channels of conv_0…conv_13.</summary>
    public static readonly int[] Channels = [32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024];

    private readonly PointwiseConvLayer conv_0;
    private readonly ModuleDict<ConvPair> pairs;

    public MobileNetV1() : base(nameof(MobileNetV1))
    {
        conv_0 = new PointwiseConvLayer(3, Channels[0], kernel: 3, stride: 2);
        pairs = new ModuleDict<ConvPair>();
        for (var i = 1; i < Channels.Length; i++)
            pairs.Add($"conv_{i}", new ConvPair(Channels[i - 1], Channels[i], Stride(i)));
        RegisterComponents();
    }

    /// <summary>getStridesForLayerIdx: stride 2 for the depthwise convs of pairs 2, 4, 6 and 12.</summary>
    public static int Stride(int pair) => pair is 2 or 4 or 6 or 12 ? 2 : 1;

    /// <summary>N×3×S×S input normalised to [−1, 1] → (N×1024×S/32×S/32, N×512×S/16×S/16).</summary>
    public override (Tensor Out, Tensor Conv11) forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = conv_0.call(x);
        Tensor? conv11 = null;
        for (var i = 1; i < Channels.Length; i++)
        {
            x = pairs[$"conv_{i}"].call(x);
            if (i == 11) conv11 = x;
        }
        return (x.MoveToOuterDisposeScope(), conv11!.MoveToOuterDisposeScope());
    }

    public void Load(TfjsWeights w)
    {
        conv_0.Load(w, "MobilenetV1/Conv2d_0_pointwise");
        for (var i = 1; i < Channels.Length; i++) pairs[$"conv_{i}"].Load(w, $"MobilenetV1/Conv2d_{i}");
    }

    /// <summary>One depthwise-separable pair (MobileNetV1.ConvPairParams): depthwise_conv then pointwise_conv.</summary>
    public sealed class ConvPair : Module<Tensor, Tensor>
    {
        private readonly DepthwiseConvLayer depthwise_conv;
        private readonly PointwiseConvLayer pointwise_conv;

        public ConvPair(long inChannels, long outChannels, int stride) : base(nameof(ConvPair))
        {
            depthwise_conv = new DepthwiseConvLayer(inChannels, stride);
            pointwise_conv = new PointwiseConvLayer(inChannels, outChannels);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            return pointwise_conv.call(depthwise_conv.call(x)).MoveToOuterDisposeScope();
        }

        /// <summary>Loads <c>prefix_depthwise/…</c> and <c>prefix_pointwise/…</c> (prefix e.g. MobilenetV1/Conv2d_3).</summary>
        public void Load(TfjsWeights w, string prefix)
        {
            depthwise_conv.Load(w, $"{prefix}_depthwise");
            pointwise_conv.Load(w, $"{prefix}_pointwise");
        }
    }
}
