using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// ssdMobilenetv1/predictionLayer.ts: four extra feature maps below MobileNet's output (pairs of a 1×1 conv and a 3×3
/// stride-2 conv, <c>conv_0</c>…<c>conv_7</c>: 16² → 8², 4², 2², 1²) and six box predictors over, in order, MobileNet's
/// pair-11 map (32², 3 anchors per cell), its output (16², 6 anchors) and the four extra maps (6 anchors each):
/// 3072 + 1536 + 384 + 96 + 24 + 6 = <see cref="Anchors"/> boxes for a 512² input.
/// Weights: <c>Prediction/Conv2d_i_pointwise/…</c> and <c>Prediction/BoxPredictor_i/…</c>.
/// </summary>
public sealed class SsdPredictionLayer : Module<Tensor, Tensor, (Tensor BoxEncodings, Tensor ClassLogits)>
{
    /// <summary>Anchor boxes for a 512² input (Output/extra_dim).</summary>
    public const int Anchors = 5118;

    private readonly PointwiseConvLayer conv_0, conv_1, conv_2, conv_3, conv_4, conv_5, conv_6, conv_7;
    private readonly BoxPredictionLayer box_predictor_0, box_predictor_1, box_predictor_2, box_predictor_3, box_predictor_4, box_predictor_5;

    public SsdPredictionLayer() : base(nameof(SsdPredictionLayer))
    {
        (conv_0, conv_1) = (new(1024, 256), new(256, 512, kernel: 3, stride: 2));
        (conv_2, conv_3) = (new(512, 128), new(128, 256, kernel: 3, stride: 2));
        (conv_4, conv_5) = (new(256, 128), new(128, 256, kernel: 3, stride: 2));
        (conv_6, conv_7) = (new(256, 64), new(64, 128, kernel: 3, stride: 2));
        (box_predictor_0, box_predictor_1, box_predictor_2) = (new(512, 3), new(1024, 6), new(512, 6));
        (box_predictor_3, box_predictor_4, box_predictor_5) = (new(256, 6), new(256, 6), new(128, 6));
        RegisterComponents();
    }

    /// <summary>
    /// MobileNet's output x (N×1024×16×16) and pair-11 map (N×512×32×32) → box encodings N×5118×4 (ty, tx, th, tw of
    /// each anchor) and class logits N×5118×3 (background, face, unused).
    /// </summary>
    public override (Tensor BoxEncodings, Tensor ClassLogits) forward(Tensor x, Tensor conv11)
    {
        using var scope = NewDisposeScope();
        var c1 = conv_1.call(conv_0.call(x));
        var c3 = conv_3.call(conv_2.call(c1));
        var c5 = conv_5.call(conv_4.call(c3));
        var c7 = conv_7.call(conv_6.call(c5));
        var predictions = new[]
        {
            box_predictor_0.call(conv11), box_predictor_1.call(x), box_predictor_2.call(c1),
            box_predictor_3.call(c3), box_predictor_4.call(c5), box_predictor_5.call(c7),
        };
        var boxes = cat(predictions.Select(p => p.BoxEncodings).ToArray(), 1);
        var classes = cat(predictions.Select(p => p.ClassLogits).ToArray(), 1);
        return (boxes.MoveToOuterDisposeScope(), classes.MoveToOuterDisposeScope());
    }

    public void Load(TfjsWeights w)
    {
        var convs = new[] { conv_0, conv_1, conv_2, conv_3, conv_4, conv_5, conv_6, conv_7 };
        for (var i = 0; i < convs.Length; i++) convs[i].Load(w, $"Prediction/Conv2d_{i}_pointwise");
        var predictors = new[] { box_predictor_0, box_predictor_1, box_predictor_2, box_predictor_3, box_predictor_4, box_predictor_5 };
        for (var i = 0; i < predictors.Length; i++) predictors[i].Load(w, $"Prediction/BoxPredictor_{i}");
    }
}
