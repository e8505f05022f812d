using System.Globalization;
using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// The paper's face normalisation with face-api's nets in the role of Viola-Jones + IntraFace (Sec. IV-A): the tiny face
/// detector finds the faces, the best-scoring one gets its 68 landmarks, and <see cref="EyeAlignment"/> rotates the eye
/// centres (means of landmarks 36–41 and 42–47) level, scales them to a fixed distance, crops and resizes.
/// </summary>
public sealed class FaceApiAligner : IFaceAligner, IDisposable
{
    private readonly FaceApiPipeline pipeline;
    private readonly bool ownsPipeline;

    /// <summary>Where the eyes go in the crop.</summary>
    public EyeAlignment Geometry { get; }
    /// <summary>Detector input side (multiple of 32; face-api's default 416) and score threshold (0.5).</summary>
    public int DetectorInputSize { get; }
    public double ScoreThreshold { get; }

    /// <summary>Loads the detector and landmark net from the installed models (see <see cref="FaceApiModels.Resolve"/>).</summary>
    public FaceApiAligner(string? modelsDir = null, EyeAlignment? geometry = null, int detectorInputSize = 416, double scoreThreshold = 0.5)
        : this(FaceApiPipeline.Load(modelsDir, descriptors: false), geometry, detectorInputSize, scoreThreshold) => ownsPipeline = true;

    /// <summary>Uses already loaded nets (not disposed with the aligner).</summary>
    public FaceApiAligner(FaceApiPipeline pipeline, EyeAlignment? geometry = null, int detectorInputSize = 416, double scoreThreshold = 0.5)
    {
        if (detectorInputSize % 32 != 0) throw new ArgumentException($"The detector's input size must be a multiple of 32, got {detectorInputSize}.");
        this.pipeline = pipeline;
        Geometry = geometry ?? new EyeAlignment();
        (DetectorInputSize, ScoreThreshold) = (detectorInputSize, scoreThreshold);
    }

    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"face-api {FaceApiModels.Version} tiny face detector (input {DetectorInputSize}, score > {ScoreThreshold}) + 68 landmarks: " +
        $"eyes level, {Geometry.EyeDistance:0.###}·size apart, centred at (0.5, {Geometry.EyeHeight:0.###})·size, cropped and resized");

    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size) => Align(frame, size, out _);

    /// <summary>As <see cref="Align(ImageDecoder.Rgb, int)"/>, also returning the face that was used.</summary>
    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size, out DetectedFace face)
    {
        face = Locate(frame);
        var map = Geometry.For(face.Landmarks.LeftEye, face.Landmarks.RightEye, size);
        return Geometry.Warp(frame, map, size);
    }

    /// <summary>Every face the detector finds (best first), each aligned by its own eyes; the box is the detector's.</summary>
    public IReadOnlyList<AlignedFace> AlignAll(ImageDecoder.Rgb frame, int size) =>
        pipeline.DetectAllFaces(TfImage.FromRgb(frame), DetectorInputSize, ScoreThreshold).Select(face =>
        {
            var box = face.Detection.Box;
            var aligned = Geometry.Warp(frame, Geometry.For(face.Landmarks.LeftEye, face.Landmarks.RightEye, size), size);
            return new AlignedFace(new FaceRegion(box.X, box.Y, box.Width, box.Height), aligned, face.Detection.Score);
        }).ToList();

    /// <summary>The best-scoring face with its landmarks; <see cref="FaceNotFoundException"/> if there is none.</summary>
    public DetectedFace Locate(ImageDecoder.Rgb frame)
    {
        var faces = pipeline.DetectAllFaces(TfImage.FromRgb(frame), DetectorInputSize, ScoreThreshold);
        if (faces.Count == 0)
            throw new FaceNotFoundException(
                $"face-api's tiny face detector found no face (score > {ScoreThreshold}) in the {frame.Width}×{frame.Height} frame.");
        return faces[0];
    }

    public void Dispose()
    {
        if (ownsPipeline) pipeline.Dispose();
    }
}
