using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// face-api's tiny face detector (tinyFaceDetector/, a Tiny-YOLOv2 with depthwise-separable convs): 3×3 conv, five
/// separable convs with max-pools (416 → 13×13 cells), and a 1×1 conv predicting 5 anchor boxes per cell (x, y, w, h,
/// score). Locating faces mirrors TinyYolov2Base.detect: boxes decoded per cell and anchor, kept above the score
/// threshold, then non-maximum suppression at IoU 0.4.
/// </summary>
public sealed class TinyFaceDetector : Module<Tensor, Tensor>
{
    /// <summary>face-api's mean RGB for the detector (0–255).</summary>
    public static readonly float[] MeanRgb = [117.001f, 114.697f, 97.404f];
    /// <summary>Anchor sizes in cells (tinyFaceDetector/const.ts).</summary>
    public static readonly (double W, double H)[] Anchors =
        [(1.603231, 2.094468), (6.041143, 7.080126), (2.882459, 3.518061), (4.266906, 5.178857), (9.041765, 10.66308)];
    public const double IoUThreshold = 0.4;

    private readonly Conv2d conv0;
    private readonly SeparableConv conv1, conv2, conv3, conv4, conv5;
    private readonly Conv2d conv8;

    public TinyFaceDetector() : base(nameof(TinyFaceDetector))
    {
        conv0 = Conv2d(3, 16, 3);
        (conv1, conv2, conv3, conv4, conv5) = (new(16, 32), new(32, 64), new(64, 128), new(128, 256), new(256, 512));
        conv8 = Conv2d(512, Anchors.Length * 5, 1);
        RegisterComponents();
    }

    /// <summary>face-api's pretrained detector (tiny_face_detector_model).</summary>
    public static TinyFaceDetector Load(string? modelsDir = null)
    {
        var net = new TinyFaceDetector();
        var w = TfjsWeights.Load(FaceApiModels.Manifest(modelsDir, FaceApiModels.Detector));
        TfSame.Assign(net.conv0.weight!, w.Conv("conv0/filters", 3, 3, 16));
        TfSame.Assign(net.conv0.bias!, w.Vector("conv0/bias", 16));
        foreach (var (name, conv) in new[] { ("conv1", net.conv1), ("conv2", net.conv2), ("conv3", net.conv3), ("conv4", net.conv4), ("conv5", net.conv5) })
            conv.Load(w, name);
        TfSame.Assign(net.conv8.weight!, w.Conv("conv8/filters", 1, 512, Anchors.Length * 5));
        TfSame.Assign(net.conv8.bias!, w.Vector("conv8/bias", Anchors.Length * 5));
        net.eval();
        return net;
    }

    /// <summary>Raw cell predictions (N×25×S×S) for (pixels − mean)/255 input of side S·32.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = Leaky(conv0.call(x));                     // 'valid': 416 → 414
        foreach (var conv in new[] { conv1, conv2, conv3, conv4 })
            x = Leaky(conv.call(MaxPoolSame(x, 2)));
        x = Leaky(conv5.call(MaxPoolSame(x, 2)));
        x = MaxPoolSame(x, 1);
        return conv8.call(x).MoveToOuterDisposeScope();
    }

    private static Tensor Leaky(Tensor x) => functional.leaky_relu(x, 0.10000000149011612);

    /// <summary>tf.maxPool(2×2, stride, 'same'): the padding (after, for odd sizes) never wins.</summary>
    private static Tensor MaxPoolSame(Tensor x, int stride) =>
        functional.max_pool2d(TfSame.Pad(x, 2, stride, double.NegativeInfinity), 2, stride);

    /// <summary>The faces in <paramref name="image"/> (TinyFaceDetectorOptions: input size, score threshold), best first.</summary>
    public List<FaceDetection> Locate(TfImage image, int inputSize = 416, double scoreThreshold = 0.5)
    {
        if (inputSize % 32 != 0) throw new ArgumentException($"The detector's input size must be a multiple of 32, got {inputSize}.");
        float[] output;
        int cells;
        using (NewDisposeScope())
        using (no_grad())
        {
            var mean = tensor(MeanRgb).reshape(1, 3, 1, 1);
            var batch = (image.ToBatchTensor(inputSize, centre: false) - mean) / 255f;
            var raw = forward(batch.to(conv0.weight!.device)).cpu();
            cells = (int)raw.shape[2];
            output = raw[0].permute(1, 2, 0).contiguous().data<float>().ToArray();   // row, col, anchor·5 + k
        }

        // TinyYolov2Base.extractBoxes: cell coordinates → fractions of the (unpadded) image.
        var scale = (double)inputSize / Math.Max(image.Width, image.Height);
        var (reshapedW, reshapedH) = (Math.Floor(image.Width * scale + 0.5), Math.Floor(image.Height * scale + 0.5));
        var (cx, cy) = (inputSize / reshapedW, inputSize / reshapedH);
        var boxes = new List<FaceBox>();
        var scores = new List<double>();
        var k = Anchors.Length;
        for (var row = 0; row < cells; row++)
        for (var col = 0; col < cells; col++)
        for (var a = 0; a < k; a++)
        {
            var at = ((row * cells + col) * k + a) * 5;
            var score = Sigmoid(output[at + 4]);
            if (score <= scoreThreshold) continue;
            var ctX = (col + Sigmoid(output[at])) / cells * cx;
            var ctY = (row + Sigmoid(output[at + 1])) / cells * cy;
            var w = Math.Exp(output[at + 2]) * Anchors[a].W / cells * cx;
            var h = Math.Exp(output[at + 3]) * Anchors[a].H / cells * cy;
            boxes.Add(new FaceBox(ctX - w / 2, ctY - h / 2, w, h));
            scores.Add(score);
        }
        var keep = NonMaxSuppression.Select(boxes.Select(b => b.Scale(inputSize, inputSize)).ToList(), scores, IoUThreshold);
        return keep.Select(i => new FaceDetection(scores[i], boxes[i].Scale(image.Width, image.Height))).ToList();
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
