using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks;

/// <summary>ExpNet settings (Sec. III-B). Target = the face net's pool5 shape that stage 1 regresses onto.</summary>
public sealed record ExpNetOptions
{
    public int Classes { get; init; } = 8;
    public NetworkSize Size { get; init; } = NetworkSize.Paper;
    /// <summary>Batch norm after every conv: the "Train From Scratch (BN)" baseline.</summary>
    public bool BatchNorm { get; init; }
    /// <summary>Face net pool5 shape; null = VGG-16's pool5 at the same size (512×7×7 at 224).</summary>
    public FeatureShape? Target { get; init; }
    public int Hidden { get; init; } = 256;
    public double Dropout { get; init; } = 0.5;
    /// <summary>
    /// When conv5's map is smaller than <see cref="Target"/>: upsample conv5's own channels, then bridge to the face
    /// net's (true), instead of bridging first and upsampling the face net's channels (false, the layout every run before
    /// this option was trained with). For a wide target the difference is large: faceres' 1024×7×7 from a 2×2 map at
    /// ⅛ width is a 1024→1024 8×8 transposed convolution (67 M parameters) after the bridge, 64→64 (262 k) before it
    /// (docs/face-nets.md, "faceres on the same validation split").
    /// </summary>
    public bool UpsampleBeforeBridge { get; init; }
}

/// <summary>
/// The expression net of Sec. III-B: five 3×3 conv blocks (64-128-256-512-512 channels, each ReLU + 3×3/2 max-pool with
/// Caffe's ceil rounding), a 1×1 bridge conv to the face net's pool5 channels (+ a fractionally-strided upsampler when
/// the face net's map is larger, or adaptive average pooling when it is smaller, e.g. face-api's ResNet: 4×4) — together
/// g(I) of eq. 4 — then FC-256 + ReLU + dropout and the classifier (h of Sec. III-A).
/// </summary>
public sealed class ExpNet : Module<Tensor, Tensor>
{
    /// <summary>Paper channel counts of conv1…conv5.</summary>
    public static readonly int[] PaperChannels = [64, 128, 256, 512, 512];

    private readonly Sequential features;
    private readonly Conv2d bridge;
    private readonly Module<Tensor, Tensor>? upsample;
    private readonly Module<Tensor, Tensor>? downsample;
    private readonly Linear fc;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public ExpNetOptions Options { get; }
    /// <summary>Shape of g(I): the stage-1 output, equal to the face net's pool5 shape.</summary>
    public FeatureShape FeatureShape { get; }
    /// <summary>Shape after pool5 + bridge without any resampling (the bridge's output when it comes first).</summary>
    public FeatureShape BridgeShape { get; }

    public ExpNet(ExpNetOptions? options = null) : base(nameof(ExpNet))
    {
        Options = options ?? new ExpNetOptions();
        var size = Options.Size.Validated();
        if (Options.Classes < 2) throw new ArgumentException($"ExpNet needs at least 2 classes, got {Options.Classes}.");

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var inChannels = 3;
        for (var b = 1; b <= 5; b++)
        {
            var outChannels = size.Channels(PaperChannels[b - 1]);
            layers.Add(($"conv{b}", Init.He(Conv2d(inChannels, outChannels, 3, padding: 1))));
            if (Options.BatchNorm) layers.Add(($"bn{b}", BatchNorm2d(outChannels)));
            layers.Add(($"relu{b}", ReLU(inplace: true)));   // in place, as torchvision's VGG: one activation-sized pass less per block
            layers.Add(($"pool{b}", MaxPool2d(3, stride: 2, ceil_mode: true)));
            inChannels = outChannels;
        }
        features = Sequential(layers);

        var side = Pooling.AfterFive(size.InputSize, Pooling.ExpNetPool);
        var target = Options.Target ?? Vgg16.Pool5ShapeFor(size);
        BridgeShape = new FeatureShape(target.Channels, side, side);
        FeatureShape = target;
        // The bridge maps conv5's channels to the face net's, so g(I) and G(I) can be compared element-wise (eq. 4).
        bridge = Init.He(Conv2d(inChannels, target.Channels, 1));
        // The paper only needs upsampling (deconvolution, Sec. III-B); a face net whose last conv map is smaller than
        // ExpNet's (face-api's ResNet: 256×4×4 at any input size) gets parameter-free adaptive average pooling instead.
        if (side > target.Height || side > target.Width)
            downsample = AdaptiveAvgPool2d([target.Height, target.Width]);
        else if (side != target.Height || side != target.Width)
            upsample = new FeatureUpsampler(Options.UpsampleBeforeBridge ? inChannels : target.Channels, (side, side), (target.Height, target.Width));

        fc = Init.Gaussian(Linear(target.Count, Options.Hidden), std: 0.005);
        dropout = Dropout(Options.Dropout);
        classifier = Init.Gaussian(Linear(Options.Hidden, Options.Classes), std: 0.01);
        RegisterComponents();
    }

    /// <summary>
    /// g(I) of eq. 4: conv1…conv5, the linear 1×1 bridge and the up/downsampling if any (upsampling before the bridge
    /// with <see cref="ExpNetOptions.UpsampleBeforeBridge"/>). The bridge has no ReLU: under
    /// the regression loss a ReLU there dies and stage 1 stalls at predicting zeros (measured on the quick profile).
    /// </summary>
    public Tensor Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = features.call(images);
        if (Options.UpsampleBeforeBridge && upsample is not null) x = upsample.call(x);
        x = bridge.call(x);
        if (!Options.UpsampleBeforeBridge && upsample is not null) x = upsample.call(x);
        if (downsample is not null) x = downsample.call(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Sets the 1×1 bridge's weights and bias to zero, so g(I) starts at 0: the mean predictor of a standardised stage-1
    /// target (<see cref="Losses.TeacherStandardization"/>). Why: a He-initialised bridge outputs rms ≈ 1.5, several times
    /// the standardised target, and the first steps' gradients (norm ~8e4) collapse ExpNet onto the mean map (validation
    /// FVU 1.09 after 30 epochs; from zero: 0.85, faceapi-resnet teacher, quick profile, fold 0 of the embedded default).
    /// </summary>
    public void ZeroBridge()
    {
        using var _ = no_grad();
        foreach (var p in bridge.parameters()) p.zero_();
    }

    /// <summary>The top hidden layer (FC-256 after ReLU): the neurons visualised in Figs. 4–5.</summary>
    public Tensor Hidden(Tensor images)
    {
        using var scope = NewDisposeScope();
        return functional.relu(fc.call(Features(images).flatten(1))).MoveToOuterDisposeScope();
    }

    /// <summary>O = h(g(I)): class scores before softmax.</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return classifier.call(dropout.call(Hidden(images))).MoveToOuterDisposeScope();
    }

    /// <summary>θ₁: the parameters stage 1 trains (conv layers, bridge, upsampler).</summary>
    public IEnumerable<Parameter> ConvParameters()
    {
        foreach (var p in features.parameters()) yield return p;
        foreach (var p in bridge.parameters()) yield return p;
        if (upsample is not null) foreach (var p in upsample.parameters()) yield return p;
    }

    /// <summary>θ₂: the FC head appended in stage 2.</summary>
    public IEnumerable<Parameter> HeadParameters() => fc.parameters().Concat(classifier.parameters());

    /// <summary>Draws a fresh Gaussian FC head (stage 2 starts from stage-1 conv layers and a random head).</summary>
    public void ResetHead()
    {
        Init.Gaussian(fc, std: 0.005);
        Init.Gaussian(classifier, std: 0.01);
    }

    /// <summary>Total number of trainable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());
}
