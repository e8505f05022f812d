using System.Text.Json;
using FaceNet2ExpNet.Data;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>
/// What face-api 1.7.15 itself computed on its demo photos (fixtures/reference.json, written by
/// tools/face-api-reference/reference.js under Node with the pure-JS tfjs cpu backend), and the exact pixels it saw:
/// per image the tiny face detector's faces with landmarks and descriptors, and the SSD MobileNet v1 detector's boxes.
/// </summary>
public sealed record FaceApiReference(string FaceApi, string Tfjs, string Backend, FaceApiReference.DetectorSettings Detector,
    FaceApiReference.SsdSettings SsdDetector, FaceApiReference.Image[] Images)
{
    public sealed record DetectorSettings(int InputSize, double ScoreThreshold);
    public sealed record SsdSettings(double MinConfidence, int MaxResults);
    /// <summary>One detection of detectAllFaces(img, new SsdMobilenetv1Options(…)): score and box in the image's pixels.</summary>
    public sealed record Detection(double Score, Rect Box);
    public sealed record Rect(double X, double Y, double Width, double Height);
    public sealed record Face(double Score, Rect Box, double[][] Landmarks, Rect AlignedRect, Rect CropRect, float[] Descriptor);
    public sealed record Image(string Name, string Png, string PngSha256, int Width, int Height, Face[] Faces, Detection[] SsdFaces)
    {
        public string Path => System.IO.Path.Combine(Folder, Png);
        public ImageDecoder.Rgb Decode() => ImageDecoder.Decode(Path);
    }

    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "FaceApi", "fixtures");

    private static readonly Lazy<FaceApiReference> Cached = new(() => JsonSerializer.Deserialize<FaceApiReference>(
        File.ReadAllText(System.IO.Path.Combine(Folder, "reference.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    public static FaceApiReference Load() => Cached.Value;

    /// <summary>Cosine similarity of two descriptors.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * (double)b[i]; na += a[i] * (double)a[i]; nb += b[i] * (double)b[i]; }
        return dot / Math.Sqrt(na * nb);
    }
}
