using System.Globalization;
using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// The paper's face normalisation with face-api's nets in the role of Viola-Jones + IntraFace (Sec. IV-A): a face
/// detector finds the faces — face-api's SSD MobileNet v1 by default, or its fast tiny face detector — the best-scoring
/// one gets its 68 landmarks, and <see cref="EyeAlignment"/> rotates the eye centres (means of landmarks 36–41 and
/// 42–47) level, scales them to a fixed distance, crops and resizes. An optional fallback detector is tried on frames
/// in which the first finds no face. <see cref="Name"/> records the detectors and their thresholds (dataset.json's
/// normalisation; <see cref="Aligners.ForNormalisation"/> reads it back).
/// </summary>
public sealed class FaceApiAligner : IFaceAligner, IDisposable
{
    private readonly FaceApiPipeline pipeline;
    private readonly bool ownsPipeline;
    private int found, rescued, noFace;

    /// <summary>Where the eyes go in the crop.</summary>
    public EyeAlignment Geometry { get; }
    /// <summary>The detector and its settings (default: SSD MobileNet v1, min confidence 0.5).</summary>
    public FaceDetectorOptions Detector { get; }
    /// <summary>The detector tried when <see cref="Detector"/> finds no face, or null.</summary>
    public FaceDetectorOptions? Fallback { get; }
    /// <summary>The detector's input side: the tiny detector's setting (multiple of 32), or SSD's fixed 512.</summary>
    public int DetectorInputSize => Detector is TinyFaceDetectorOptions tiny ? tiny.InputSize : SsdMobileNetV1.InputSize;
    /// <summary>The detector's score threshold (SSD's min confidence).</summary>
    public double ScoreThreshold => Detector.ScoreThreshold;

    /// <summary>Loads the landmark net (and the detectors when first used) from the installed models (see <see cref="FaceApiModels.Resolve"/>).</summary>
    public FaceApiAligner(string? modelsDir = null, EyeAlignment? geometry = null, FaceDetectorOptions? detector = null, FaceDetectorOptions? fallback = null)
        : this(FaceApiPipeline.Load(modelsDir, descriptors: false), geometry, detector, fallback) => ownsPipeline = true;

    /// <summary>Uses already loaded nets (not disposed with the aligner).</summary>
    public FaceApiAligner(FaceApiPipeline pipeline, EyeAlignment? geometry = null, FaceDetectorOptions? detector = null, FaceDetectorOptions? fallback = null)
    {
        this.pipeline = pipeline;
        Geometry = geometry ?? new EyeAlignment();
        Detector = detector ?? FaceDetectorOptions.Default;
        Fallback = fallback;
    }

    /// <summary>The tiny face detector alone, at <paramref name="detectorInputSize"/> (multiple of 32) and <paramref name="scoreThreshold"/>.</summary>
    public FaceApiAligner(FaceApiPipeline pipeline, EyeAlignment? geometry, int detectorInputSize, double scoreThreshold = 0.5)
        : this(pipeline, geometry, new TinyFaceDetectorOptions(detectorInputSize, scoreThreshold)) { }

    /// <summary>
    /// E.g. "face-api 1.7.15 SSD MobileNet v1 (min confidence 0.5, max 100 results) + 68 landmarks: eyes level, …"; with a
    /// fallback "… results), else tiny face detector (input 416, score &gt; 0.5) + 68 landmarks: …". The tiny detector's
    /// text is the one every dataset aligned before SSD recorded.
    /// </summary>
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"face-api {FaceApiModels.Version} {Detector.Description}{(Fallback is null ? "" : $", else {Fallback.Description}")} + 68 landmarks: " +
        $"eyes level, {Geometry.EyeDistance:0.###}·size apart, centred at (0.5, {Geometry.EyeHeight:0.###})·size, cropped and resized");

    public DetectionCounts Detections =>
        new($"face-api {Detector.Detector}", Fallback is null ? "a retry on the frame padded with grey" : $"the {Fallback.Detector} (then both on the frame padded with grey)",
            Volatile.Read(ref found), Volatile.Read(ref rescued), Volatile.Read(ref noFace));

    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size) => Align(frame, size, out _);

    /// <summary>As <see cref="Align(ImageDecoder.Rgb, int)"/>, also returning the face that was used.</summary>
    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size, out DetectedFace face)
    {
        face = Locate(frame);
        var map = Geometry.For(face.Landmarks.LeftEye, face.Landmarks.RightEye, size);
        return Geometry.Warp(frame, map, size);
    }

    /// <summary>Every face the detector (else the fallback) finds, best first, each aligned by its own eyes; the box is the detector's.</summary>
    public IReadOnlyList<AlignedFace> AlignAll(ImageDecoder.Rgb frame, int size) =>
        DetectAll(TfImage.FromRgb(frame), out _).Select(face =>
        {
            var box = face.Detection.Box;
            var aligned = Geometry.Warp(frame, Geometry.For(face.Landmarks.LeftEye, face.Landmarks.RightEye, size), size);
            return new AlignedFace(new FaceRegion(box.X, box.Y, box.Width, box.Height), aligned, face.Detection.Score);
        }).ToList();

    /// <summary>The best-scoring face with its landmarks (counted in <see cref="Detections"/>); <see cref="FaceNotFoundException"/> if there is none.</summary>
    public DetectedFace Locate(ImageDecoder.Rgb frame)
    {
        var faces = DetectAll(TfImage.FromRgb(frame), out var byFallback);
        if (faces.Count == 0)
        {
            Interlocked.Increment(ref noFace);
            throw new FaceNotFoundException($"face-api's {Detector.Detector} found no face ({Threshold(Detector)})" +
                                            $"{(Fallback is null ? "" : $", nor did the {Fallback.Detector} ({Threshold(Fallback)})")} in the {frame.Width}×{frame.Height} frame, nor with it padded.");
        }
        Interlocked.Increment(ref byFallback ? ref rescued : ref found);
        return faces[0];
    }

    /// <summary>
    /// The detector's faces, else the fallback's, else — both detectors miss faces that fill the frame, as in portraits
    /// and already-cropped faces — theirs on the frame padded by half its longer side with mid-grey, mapped back.
    /// </summary>
    private List<DetectedFace> DetectAll(TfImage image, out bool byFallback)
    {
        var faces = pipeline.DetectAllFaces(image, Detector);
        byFallback = faces.Count == 0;
        if (!byFallback) return faces;
        if (Fallback is not null && pipeline.DetectAllFaces(image, Fallback) is { Count: > 0 } rescued) return rescued;
        var pad = Math.Max(image.Width, image.Height) / 2;
        var padded = Padded(image, pad);
        faces = pipeline.DetectAllFaces(padded, Detector);
        if (faces.Count == 0 && Fallback is not null) faces = pipeline.DetectAllFaces(padded, Fallback);
        return faces.Select(f => Shifted(f, -pad)).ToList();
    }

    private static TfImage Padded(TfImage image, int pad)
    {
        var (w, h) = (image.Width + 2 * pad, image.Height + 2 * pad);
        var pixels = new float[w * h * 3];
        Array.Fill(pixels, 128f);
        for (var r = 0; r < image.Height; r++)
            Array.Copy(image.Pixels, r * image.Width * 3, pixels, ((r + pad) * w + pad) * 3, image.Width * 3);
        return new TfImage(pixels, w, h);
    }

    private static DetectedFace Shifted(DetectedFace f, double d)
    {
        FaceBox Box(FaceBox b) => b with { X = b.X + d, Y = b.Y + d };
        return f with
        {
            Detection = f.Detection with { Box = Box(f.Detection.Box) },
            Landmarks = new FaceLandmarks68(f.Landmarks.Points.Select(p => new FacePoint(p.X + d, p.Y + d)).ToArray()),
            AlignedRect = Box(f.AlignedRect), CropRect = Box(f.CropRect),
        };
    }

    private static string Threshold(FaceDetectorOptions o) =>
        o is SsdMobileNetV1Options ssd ? string.Create(CultureInfo.InvariantCulture, $"min confidence {ssd.MinConfidence}")
            : string.Create(CultureInfo.InvariantCulture, $"score > {o.ScoreThreshold}");

    public void Dispose()
    {
        if (ownsPipeline) pipeline.Dispose();
    }
}
