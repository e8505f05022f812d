using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// face-api's SSD MobileNet v1 face detector (ssdMobilenetv1/SsdMobilenetv1.ts), its default and most accurate one: the
/// image padded to a square (zeros after), resized to 512² and scaled to [−1, 1] as x/127.5 − 1; a
/// <see cref="MobileNetV1"/> backbone; the <see cref="SsdPredictionLayer"/>'s 5118 anchor boxes, decoded by
/// <see cref="SsdOutputLayer"/>; then <see cref="SsdNonMaxSuppression"/> at IoU 0.5 above the min confidence.
/// Weights: ssd_mobilenetv1_model (uint8-quantised TFJS manifest). Verified against face-api under Node
/// (tests/…/FaceApi/SsdMobileNetV1Tests, docs/face-api.md).
/// </summary>
public sealed class SsdMobileNetV1 : Module<Tensor, (Tensor Boxes, Tensor Scores)>
{
    public const int InputSize = 512;
    public const double IoUThreshold = 0.5;

    private readonly MobileNetV1 mobilenetv1;
    private readonly SsdPredictionLayer prediction_layer;
    /// <summary>Output/extra_dim: the anchors, 5118×4 [y0, x0, y1, x1] in fractions of the input.</summary>
    private readonly Tensor extra_dim;

    public SsdMobileNetV1() : base(nameof(SsdMobileNetV1))
    {
        mobilenetv1 = new MobileNetV1();
        prediction_layer = new SsdPredictionLayer();
        extra_dim = zeros(SsdPredictionLayer.Anchors, 4);
        RegisterComponents();
    }

    /// <summary>face-api's pretrained detector (ssd_mobilenetv1_model), from the installed models (see <see cref="FaceApiModels.Resolve"/>).</summary>
    /// <exception cref="InvalidDataException">A weight is missing or has another shape (the message names the manifest).</exception>
    public static SsdMobileNetV1 Load(string? modelsDir = null)
    {
        var net = new SsdMobileNetV1();
        var w = TfjsWeights.Load(FaceApiModels.Manifest(modelsDir, FaceApiModels.SsdDetector));
        net.mobilenetv1.Load(w);
        net.prediction_layer.Load(w);
        using (no_grad())
        using (var anchors = w.Get("Output/extra_dim", 1, SsdPredictionLayer.Anchors, 4))
        using (var first = anchors[0])
            net.extra_dim.copy_(first);
        net.eval();
        return net;
    }

    /// <summary>
    /// forwardInput after toBatchTensor: N×3×512×512 pixels (0–255) → boxes N×5118×4 ([ymin, xmin, ymax, xmax], fractions
    /// of the padded square) and face scores N×5118.
    /// </summary>
    public override (Tensor Boxes, Tensor Scores) forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var x = pixels / 127.5f - 1f;
        var (output, conv11) = mobilenetv1.call(x);
        var (encodings, logits) = prediction_layer.call(output, conv11);
        var boxes = SsdOutputLayer.DecodeBoxes(extra_dim, encodings);
        return (boxes.MoveToOuterDisposeScope(), SsdOutputLayer.Scores(logits).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// locateFaces: the faces in <paramref name="image"/>, best first, boxes in the image's pixels (clipped to the padded
    /// square, so a face at the right or bottom edge of a non-square image may reach past it). A decoded box with no
    /// extent after clipping, which face-api would reject with an error, is left out.
    /// </summary>
    public List<FaceDetection> Locate(TfImage image, SsdMobileNetV1Options? options = null)
    {
        options ??= new SsdMobileNetV1Options();
        float[] boxData, scoreData;
        using (NewDisposeScope())
        using (no_grad())
        {
            var batch = image.ToBatchTensor(InputSize, centre: false).to(extra_dim.device);
            var (boxes, scores) = forward(batch);
            boxData = boxes[0].cpu().contiguous().data<float>().ToArray();
            scoreData = scores[0].cpu().contiguous().data<float>().ToArray();
        }
        var boxList = Enumerable.Range(0, scoreData.Length).Select(i => boxData[(4 * i)..(4 * i + 4)]).ToList();
        var scoreList = scoreData.Select(s => (double)s).ToList();
        var keep = SsdNonMaxSuppression.Select(boxList, scoreList, options.MaxResults, IoUThreshold, options.MinConfidence);

        // computeReshapedDimensions: the image's size inside the 512² input; boxes are fractions of that input.
        var scale = (double)InputSize / Math.Max(image.Width, image.Height);
        var padX = InputSize / Math.Floor(image.Width * scale + 0.5);
        var padY = InputSize / Math.Floor(image.Height * scale + 0.5);
        var faces = new List<FaceDetection>();
        foreach (var i in keep)
        {
            var b = boxList[i];
            var (top, bottom) = (Math.Max(0, (double)b[0]) * padY, Math.Min(1.0, b[2]) * padY);
            var (left, right) = (Math.Max(0, (double)b[1]) * padX, Math.Min(1.0, b[3]) * padX);
            if (right - left < 0 || bottom - top < 0) continue;
            // new FaceDetection(score, relative Rect, image dims): the relative box rescaled by the image's width and height.
            var relative = new FaceBox(left, top, right - left, bottom - top);
            faces.Add(new FaceDetection(scoreList[i], relative.Scale(image.Width, image.Height)));
        }
        return faces;
    }
}
