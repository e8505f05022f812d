using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>One face as face-api reports it: detection, 68 landmarks, the dlib-aligned crop and (optionally) its descriptor.</summary>
public sealed record DetectedFace(FaceDetection Detection, FaceLandmarks68 Landmarks, FaceBox AlignedRect, FaceBox CropRect, float[]? Descriptor);

/// <summary>
/// face-api's <c>detectAllFaces(image, new TinyFaceDetectorOptions()).withFaceLandmarks().withFaceDescriptors()</c>
/// in TorchSharp: detect, crop each detection (clipped, floored), find its landmarks, crop the dlib-aligned square and
/// describe it. Verified against face-api itself (tests/…/FaceApi, docs/face-api.md).
/// </summary>
public sealed class FaceApiPipeline : IDisposable
{
    public TinyFaceDetector Detector { get; }
    public FaceLandmark68Net LandmarkNet { get; }
    /// <summary>The recognition net, or null when the pipeline was loaded without descriptors.</summary>
    public FaceRecognitionResNet? Recognition { get; }

    private FaceApiPipeline(TinyFaceDetector detector, FaceLandmark68Net landmarks, FaceRecognitionResNet? recognition)
    {
        (Detector, LandmarkNet, Recognition) = (detector, landmarks, recognition);
        Recognition?.eval();
    }

    /// <summary>Loads the nets from the installed models (see <see cref="FaceApiModels.Resolve"/>).</summary>
    public static FaceApiPipeline Load(string? modelsDir = null, bool descriptors = true) =>
        new(TinyFaceDetector.Load(modelsDir), FaceLandmark68Net.Load(modelsDir),
            descriptors ? FaceRecognitionResNet.Load(FaceApiModels.Resolve(modelsDir), 2) : null);

    /// <summary>All faces, best detection first.</summary>
    public List<DetectedFace> DetectAllFaces(TfImage image, int inputSize = 416, double scoreThreshold = 0.5)
    {
        var faces = new List<DetectedFace>();
        foreach (var detection in Detector.Locate(image, inputSize, scoreThreshold))
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
        Detector.Dispose();
        LandmarkNet.Dispose();
        Recognition?.Dispose();
    }
}
