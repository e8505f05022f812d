using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// face-api's 68-point landmark net (faceLandmarkNet/ on faceFeatureExtractor/): four densely connected blocks of
/// separable convs (32-64-128-256 channels, each halving 112 → 7), a 7×7 average pool and a dense layer to 68 (x, y)
/// pairs relative to the face crop. <see cref="Detect"/> mirrors FaceLandmark68NetBase.detectLandmarks + postProcess.
/// </summary>
public sealed class FaceLandmark68Net : Module<Tensor, Tensor>
{
    public const int InputSize = 112;
    /// <summary>face-api's mean RGB for the feature extractor (0–255).</summary>
    public static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly DenseBlock dense0, dense1, dense2, dense3;
    private readonly Linear fc;

    public FaceLandmark68Net() : base(nameof(FaceLandmark68Net))
    {
        (dense0, dense1, dense2, dense3) = (new(3, 32, first: true), new(32, 64), new(64, 128), new(128, 256));
        fc = Linear(256, 136);
        RegisterComponents();
    }

    /// <summary>face-api's pretrained landmark net (face_landmark_68_model).</summary>
    public static FaceLandmark68Net Load(string? modelsDir = null)
    {
        var net = new FaceLandmark68Net();
        var w = TfjsWeights.Load(FaceApiModels.Manifest(modelsDir, FaceApiModels.Landmarks));
        foreach (var (name, block) in new[] { ("dense0", net.dense0), ("dense1", net.dense1), ("dense2", net.dense2), ("dense3", net.dense3) })
            block.Load(w, name);
        TfSame.Assign(net.fc.weight!, w.Dense("fc/weights", 256, 136));
        TfSame.Assign(net.fc.bias!, w.Vector("fc/bias", 136));
        net.eval();
        return net;
    }

    /// <summary>136 values (x0, y0, x1, …) in [0, 1] of the padded square input, for (pixels − mean)/255 input of 112².</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = dense3.call(dense2.call(dense1.call(dense0.call(x))));
        x = functional.avg_pool2d(x, 7, 2);
        return fc.call(x.flatten(1)).MoveToOuterDisposeScope();
    }

    /// <summary>The 68 landmarks of a face crop, in the crop's pixels shifted by (<paramref name="shiftX"/>, <paramref name="shiftY"/>).</summary>
    public FaceLandmarks68 Detect(TfImage crop, double shiftX = 0, double shiftY = 0)
    {
        float[] raw;
        using (NewDisposeScope())
        using (no_grad())
        {
            var mean = tensor(MeanRgb).reshape(1, 3, 1, 1);
            var batch = (crop.ToBatchTensor(InputSize, centre: true) - mean) / 255f;
            raw = forward(batch.to(fc.weight!.device)).cpu().data<float>().ToArray();
        }
        // postProcess (float32 tensor arithmetic in face-api): undo the centred padding of the shorter side, as
        // fractions of the crop; then scaled to the crop and shifted.
        var scale = (double)InputSize / Math.Max(crop.Width, crop.Height);
        var (w, h) = ((float)(crop.Width * scale), (float)(crop.Height * scale));
        var padX = w < h ? Math.Abs(w - h) / 2 : 0f;
        var padY = h < w ? Math.Abs(w - h) / 2 : 0f;
        var points = new FacePoint[68];
        for (var i = 0; i < 68; i++)
        {
            var rx = (raw[2 * i] * InputSize - padX) / w;
            var ry = (raw[2 * i + 1] * InputSize - padY) / h;
            points[i] = new FacePoint(rx * (double)crop.Width + shiftX, ry * (double)crop.Height + shiftY);
        }
        return new FaceLandmarks68(points);
    }
}

/// <summary>
/// faceFeatureExtractor/denseBlock.ts denseBlock4: out1 = ReLU(conv0(x)) with stride 2, then three separable convs each
/// fed the ReLU of the sum of all previous outputs; returns ReLU of the sum of all four.
/// </summary>
public sealed class DenseBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> conv0;
    private readonly SeparableConv conv1, conv2, conv3;
    private readonly bool first;

    public DenseBlock(long inChannels, long outChannels, bool first = false) : base(nameof(DenseBlock))
    {
        this.first = first;
        conv0 = first ? Conv2d(inChannels, outChannels, 3, stride: 2) : new SeparableConv(inChannels, outChannels, stride: 2);
        (conv1, conv2, conv3) = (new(outChannels, outChannels), new(outChannels, outChannels), new(outChannels, outChannels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var out1 = functional.relu(first ? conv0.call(TfSame.Pad(x, 3, 2)) : conv0.call(x));
        var out2 = conv1.call(out1);
        var out3 = conv2.call(functional.relu(out1 + out2));
        var out4 = conv3.call(functional.relu(out1 + (out2 + out3)));
        return functional.relu(out1 + (out2 + (out3 + out4))).MoveToOuterDisposeScope();
    }

    /// <summary>Loads <c>prefix/conv0</c> … <c>prefix/conv3</c> (conv0 a plain conv in the first block).</summary>
    public void Load(TfjsWeights w, string prefix)
    {
        if (conv0 is Conv2d conv)
        {
            var (cout, cin) = (conv.weight!.shape[0], conv.weight!.shape[1]);
            TfSame.Assign(conv.weight!, w.Conv($"{prefix}/conv0/filters", 3, cin, cout));
            TfSame.Assign(conv.bias!, w.Vector($"{prefix}/conv0/bias", cout));
        }
        else ((SeparableConv)conv0).Load(w, $"{prefix}/conv0");
        conv1.Load(w, $"{prefix}/conv1");
        conv2.Load(w, $"{prefix}/conv2");
        conv3.Load(w, $"{prefix}/conv3");
    }
}
