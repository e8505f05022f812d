using System.Globalization;
using System.Text.RegularExpressions;
using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// The face normalisations data-prep offers, by name: "face-api" (detector + landmarks; SSD MobileNet v1, falling back to
/// the tiny face detector), "face-api:ssd" and "face-api:tiny" (one detector only), or "centre-crop" (no detection).
/// </summary>
public static partial class Aligners
{
    public static IReadOnlyList<string> Names { get; } = ["face-api", "face-api:ssd", "face-api:tiny", "centre-crop"];

    /// <summary>The face-api detectors by the name after "face-api:" ("" for the default): detector and fallback.</summary>
    public static IReadOnlyDictionary<string, (FaceDetectorOptions Detector, FaceDetectorOptions? Fallback)> FaceApiDetectors { get; } =
        new Dictionary<string, (FaceDetectorOptions, FaceDetectorOptions?)>
        {
            [""] = (new SsdMobileNetV1Options(), new TinyFaceDetectorOptions()),
            ["ssd"] = (new SsdMobileNetV1Options(), null),
            ["tiny"] = (new TinyFaceDetectorOptions(), null),
        };

    /// <summary>The aligner called <paramref name="name"/> (face-api loads its nets from the installed models).</summary>
    public static IFaceAligner Create(string name, string? modelsDir = null) => name switch
    {
        "centre-crop" => new CentreCropAligner(),
        _ when Names.Contains(name) && name.StartsWith("face-api", StringComparison.Ordinal) => FaceApi(name, modelsDir),
        _ => throw new ArgumentException($"Unknown aligner '{name}'; choose one of {string.Join(", ", Names)}."),
    };

    /// <summary>"face-api", "face-api:ssd" or "face-api:tiny" with the default eye geometry.</summary>
    private static FaceApiAligner FaceApi(string name, string? modelsDir)
    {
        var (detector, fallback) = FaceApiDetectors[name.Length > "face-api:".Length ? name["face-api:".Length..] : ""];
        return new FaceApiAligner(modelsDir, detector: detector, fallback: fallback);
    }

    /// <summary>
    /// The aligner that reproduces a prepared dataset's face normalisation, from the text its dataset.json records
    /// (<see cref="DatasetInfo.Normalisation"/>), so new photos are aligned as the training faces were: face-api with the
    /// recorded detector(s) and their thresholds (datasets aligned before SSD name the tiny face detector alone) and eye
    /// geometry; centre-crop with its recorded fraction; the synthetic
    /// default data's faces are rendered aligned, and datasets distributed as face crops (TFD, SFEW, FER2013, folder
    /// imports without an aligner) were only centre-cropped — both are the central square.
    /// </summary>
    /// <exception cref="ArgumentException">The text names no known normalisation (the message says to choose an aligner).</exception>
    public static IFaceAligner ForNormalisation(string normalisation, string? modelsDir = null)
    {
        if (normalisation.StartsWith("face-api", StringComparison.Ordinal))
        {
            var eyes = EyeSettings().Match(normalisation);
            var geometry = eyes.Success ? new EyeAlignment(Number(eyes.Groups[1]), Number(eyes.Groups[2])) : new EyeAlignment();
            var detectors = normalisation.Split(" + 68 landmarks")[0].Split(", else ");
            return new FaceApiAligner(modelsDir, geometry, RecordedDetector(detectors[0]), detectors.Length > 1 ? RecordedDetector(detectors[1]) : null);
        }
        if (normalisation.StartsWith("centre-crop", StringComparison.Ordinal))
            return CentreFraction().Match(normalisation) is { Success: true } m ? new CentreCropAligner(Number(m.Groups[1])) : new CentreCropAligner();
        if (normalisation.StartsWith("synthetic: rendered aligned", StringComparison.Ordinal) || normalisation.StartsWith("as distributed", StringComparison.Ordinal)
            || normalisation.Contains("central square resized", StringComparison.Ordinal))
            return new CentreCropAligner();
        throw new ArgumentException($"The dataset's normalisation \"{normalisation}\" is not one this project can repeat; choose an aligner (face-api or centre-crop).");
    }

    /// <summary>
    /// How <c>fn2en predict</c> finds faces for a model trained on data with <paramref name="normalisation"/>: as the
    /// training faces were aligned when face-api aligned them; otherwise (the synthetic default's rendered faces, face
    /// crops as distributed, centre-cropped imports) face-api still finds every face — so a photo without one gives
    /// none, and a photo with two gives two — and each is aligned by its eyes.
    /// </summary>
    public static IFaceAligner ForPrediction(string normalisation, string? modelsDir = null) =>
        normalisation.StartsWith("face-api", StringComparison.Ordinal) ? ForNormalisation(normalisation, modelsDir) : Create("face-api", modelsDir);

    /// <summary>
    /// An aligner as a user names it: "face-api" (SSD MobileNet v1, else the tiny face detector), "face-api:ssd" or
    /// "face-api:tiny" (that detector alone), "centre-crop", "centre-crop:F" (the central F, 0.1–1, of the shorter side)
    /// or "none" (the central square: faces already cropped).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name or a bad fraction (the message lists the names).</exception>
    public static IFaceAligner Parse(string text, string? modelsDir = null)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var name = parts[0] == "center-crop" ? "centre-crop" : parts[0].ToLowerInvariant();
        double? fraction = null;
        if (name == "face-api")
            return parts.Length == 1 || FaceApiDetectors.ContainsKey(parts[1].ToLowerInvariant()) && parts[1].Length > 0
                ? FaceApi(parts.Length == 1 ? name : $"face-api:{parts[1].ToLowerInvariant()}", modelsDir)
                : throw new ArgumentException($"--aligner '{text}': face-api's detector is ssd or tiny (face-api:ssd, face-api:tiny; face-api alone: ssd, else tiny).");
        if (parts.Length == 2)
        {
            if (name != "centre-crop") throw new ArgumentException($"--aligner '{text}': only centre-crop (centre-crop:0.8) and face-api (face-api:tiny) take an argument.");
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) throw new ArgumentException($"--aligner '{text}': '{parts[1]}' is not a number.");
            if (f is < 0.1 or > 1.0) throw new ArgumentException($"--aligner '{text}': the fraction must be between 0.1 and 1.");
            fraction = f;
        }
        return name switch
        {
            "centre-crop" => new CentreCropAligner(fraction ?? 1.0),
            "none" => new CentreCropAligner(),
            _ => throw new ArgumentException($"--aligner '{text}': unknown aligner; known: face-api[:ssd|:tiny], centre-crop[:F], none."),
        };
    }

    /// <summary>
    /// The detector a normalisation text names: "SSD MobileNet v1 (min confidence C, max N results)" or "tiny face detector
    /// (input S, score > T)"; a text naming neither predates the SSD detector, whose aligner used the tiny one (default settings).
    /// </summary>
    private static FaceDetectorOptions RecordedDetector(string text)
    {
        if (SsdSettings().Match(text) is { Success: true } ssd)
            return new SsdMobileNetV1Options(Number(ssd.Groups[1]), int.Parse(ssd.Groups[2].Value, CultureInfo.InvariantCulture));
        if (text.Contains("SSD MobileNet v1", StringComparison.Ordinal)) return new SsdMobileNetV1Options();
        return TinySettings().Match(text) is { Success: true } tiny
            ? new TinyFaceDetectorOptions(int.Parse(tiny.Groups[1].Value, CultureInfo.InvariantCulture), Number(tiny.Groups[2]))
            : new TinyFaceDetectorOptions();
    }

    private static double Number(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"input (\d+), score > ([0-9.]+)")]
    private static partial Regex TinySettings();

    [GeneratedRegex(@"SSD MobileNet v1 \(min confidence ([0-9.]+), max (\d+) results\)")]
    private static partial Regex SsdSettings();

    [GeneratedRegex(@"([0-9.]+)·size apart, centred at \(0\.5, ([0-9.]+)\)")]
    private static partial Regex EyeSettings();

    [GeneratedRegex(@"^centre-crop ([0-9.]+) of the shorter side")]
    private static partial Regex CentreFraction();
}
