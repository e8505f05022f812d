using System.Globalization;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// Which of face-api's face detectors to run, with its settings — face-api's option classes, passed to
/// <c>detectAllFaces(input, options)</c>: <see cref="SsdMobileNetV1Options"/> (face-api's default, accurate) or
/// <see cref="TinyFaceDetectorOptions"/> (fast). <see cref="Description"/> is recorded in aligners' names.
/// </summary>
public abstract record FaceDetectorOptions
{
    /// <summary>The detector's short name: "SSD MobileNet v1" or "tiny face detector".</summary>
    public abstract string Detector { get; }
    /// <summary>Detections at or below this score are dropped (0–1).</summary>
    public abstract double ScoreThreshold { get; }
    /// <summary>The detector and its settings, e.g. "SSD MobileNet v1 (min confidence 0.5, max 100 results)".</summary>
    public abstract string Description { get; }

    /// <summary>face-api's default detector: SSD MobileNet v1 with min confidence 0.5, at most 100 faces.</summary>
    public static FaceDetectorOptions Default { get; } = new SsdMobileNetV1Options();

    private protected static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>SsdMobilenetv1Options (ssdMobilenetv1/SsdMobilenetv1Options.ts): minConfidence in (0, 1), default 0.5; maxResults, default 100.</summary>
/// <exception cref="ArgumentException">minConfidence outside (0, 1) or maxResults below 1.</exception>
public sealed record SsdMobileNetV1Options(double MinConfidence = 0.5, int MaxResults = 100) : FaceDetectorOptions
{
    public double MinConfidence { get; } = MinConfidence is > 0 and < 1 ? MinConfidence
        : throw new ArgumentException($"SSD MobileNet v1: the min confidence must be between 0 and 1 (exclusive), got {MinConfidence}.");
    public int MaxResults { get; } = MaxResults >= 1 ? MaxResults
        : throw new ArgumentException($"SSD MobileNet v1: max results must be at least 1, got {MaxResults}.");

    public override string Detector => "SSD MobileNet v1";
    public override double ScoreThreshold => MinConfidence;
    public override string Description => Format($"{Detector} (min confidence {MinConfidence}, max {MaxResults} results)");
}

/// <summary>TinyFaceDetectorOptions (tinyFaceDetector/, tinyYolov2/TinyYolov2Options.ts): input size a multiple of 32, default 416; score threshold 0.5.</summary>
/// <exception cref="ArgumentException">An input size that is not a positive multiple of 32, or a threshold outside (0, 1).</exception>
public sealed record TinyFaceDetectorOptions(int InputSize = 416, double ScoreThreshold = 0.5) : FaceDetectorOptions
{
    public int InputSize { get; } = InputSize > 0 && InputSize % 32 == 0 ? InputSize
        : throw new ArgumentException($"The detector's input size must be a multiple of 32, got {InputSize}.");
    public override double ScoreThreshold { get; } = ScoreThreshold is > 0 and < 1 ? ScoreThreshold
        : throw new ArgumentException($"The tiny face detector's score threshold must be between 0 and 1 (exclusive), got {ScoreThreshold}.");

    public override string Detector => "tiny face detector";
    public override string Description => Format($"{Detector} (input {InputSize}, score > {ScoreThreshold})");
}
