using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>One face as face-api reports it: detection, 68 landmarks, the dlib-aligned crop and (optionally) its descriptor.</summary>
public sealed record DetectedFace(FaceDetection Detection, FaceLandmarks68 Landmarks, FaceBox AlignedRect, FaceBox CropRect, float[]? Descriptor);

/// <summary>
/// face-api's <c>detectAllFaces(image, options).withFaceLandmarks().withFaceDescriptors()</c> in TorchSharp: detect
/// (<see cref="SsdMobileNetV1"/> by default, or the <see cref="TinyFaceDetector"/>, as the options say), crop each
/// detection (clipped, floored), find its landmarks, crop the dlib-aligned square and describe it. Each detector is
/// loaded when first used. Verified against face-api itself (tests/…/FaceApi, docs/face-api.md).
/// </summary>
public sealed class FaceApiPipeline : IDisposable
{
    private readonly Lazy<SsdMobileNetV1> ssd;
    private readonly Lazy<TinyFaceDetector> tiny;

    /// <summary>face-api's SSD MobileNet v1 detector (ssd_mobilenetv1_model), loaded on first use.</summary>
    public SsdMobileNetV1 SsdDetector => ssd.Value;
    /// <summary>face-api's tiny face detector (tiny_face_detector_model), loaded on first use.</summary>
    public TinyFaceDetector TinyDetector => tiny.Value;
    public FaceLandmark68Net LandmarkNet { get; }
    /// <summary>The recognition net, or null when the pipeline was loaded without descriptors.</summary>
    public FaceRecognitionResNet? Recognition { get; }

    private FaceApiPipeline(string? modelsDir, FaceLandmark68Net landmarks, FaceRecognitionResNet? recognition)
    {
        ssd = new(() => SsdMobileNetV1.Load(modelsDir), LazyThreadSafetyMode.ExecutionAndPublication);
        tiny = new(() => TinyFaceDetector.Load(modelsDir), LazyThreadSafetyMode.ExecutionAndPublication);
        (LandmarkNet, Recognition) = (landmarks, recognition);
        Recognition?.eval();
    }

    /// <summary>Loads the nets from the installed models (see <see cref="FaceApiModels.Resolve"/>); the detectors when first used.</summary>
    public static FaceApiPipeline Load(string? modelsDir = null, bool descriptors = true) =>
        new(modelsDir, FaceLandmark68Net.Load(modelsDir), descriptors ? FaceRecognitionResNet.Load(FaceApiModels.Resolve(modelsDir), 2) : null);

    /// <summary>The detections alone (best first), by the detector <paramref name="options"/> name (default: SSD MobileNet v1, min confidence 0.5).</summary>
    public List<FaceDetection> Locate(TfImage image, FaceDetectorOptions? options = null) => (options ?? FaceDetectorOptions.Default) switch
    {
        SsdMobileNetV1Options ssdOptions => SsdDetector.Locate(image, ssdOptions),
        TinyFaceDetectorOptions tinyOptions => TinyDetector.Locate(image, tinyOptions.InputSize, tinyOptions.ScoreThreshold),
        var other => throw new ArgumentException($"Unknown face detector options {other.GetType().Name}."),
    };

    /// <summary>All faces with landmarks and (when loaded) descriptors, best detection first.</summary>
    public List<DetectedFace> DetectAllFaces(TfImage image, FaceDetectorOptions? options = null)
    {
        var faces = new List<DetectedFace>();
        foreach (var detection in Locate(image, options))
        {
            var box = detection.Box.ClipAtImageBorders(image.Width, image.Height);
            if (box.Width <= 0 || box.Height <= 0) continue;
            var crop = image.Slice((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height);
            // face-api shifts the landmarks by the unclipped box corner (extendWithFaceLandmarks).
            var landmarks = LandmarkNet.Detect(crop, detection.Box.X, detection.Box.Y);
            var aligned = landmarks.DlibAlignedRect(crop.Width, crop.Height);
            var cropRect = aligned.ClipAtImageBorders(image.Width, image.Height);
            faces.Add(new DetectedFace(detection, landmarks, aligned, cropRect, Describe(image, cropRect)));
        }
        return faces;
    }

    /// <summary>The descriptor of one integer region of <paramref name="image"/>, as computeFaceDescriptor (150², centred padding).</summary>
    public float[]? Describe(TfImage image, FaceBox region)
    {
        if (Recognition is null || region.Width <= 0 || region.Height <= 0) return null;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var crop = image.Slice((int)region.X, (int)region.Y, (int)region.Width, (int)region.Height);
        var device = Recognition.parameters().First().device;
        var batch = crop.ToBatchTensor(FaceRecognitionResNet.FaceApiInputSize, centre: true).to(device);
        return Recognition.DescriptorOfPixels(batch).cpu().data<float>().ToArray();
    }

    public void Dispose()
    {
        if (ssd.IsValueCreated) ssd.Value.Dispose();
        if (tiny.IsValueCreated) tiny.Value.Dispose();
        LandmarkNet.Dispose();
        Recognition?.Dispose();
    }
}
