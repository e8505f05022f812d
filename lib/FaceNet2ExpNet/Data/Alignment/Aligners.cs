using System.Globalization;
using System.Text.RegularExpressions;

namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>The face normalisations data-prep offers, by name: "face-api" (detector + landmarks) or "centre-crop" (none).</summary>
public static partial class Aligners
{
    public static IReadOnlyList<string> Names { get; } = ["face-api", "centre-crop"];

    /// <summary>The aligner called <paramref name="name"/> (face-api loads its nets from the installed models).</summary>
    public static IFaceAligner Create(string name, string? modelsDir = null) => name switch
    {
        "face-api" => new FaceApiAligner(modelsDir),
        "centre-crop" => new CentreCropAligner(),
        _ => throw new ArgumentException($"Unknown aligner '{name}'; choose one of {string.Join(", ", Names)}."),
    };

    /// <summary>
    /// The aligner that reproduces a prepared dataset's face normalisation, from the text its dataset.json records
    /// (<see cref="DatasetInfo.Normalisation"/>), so new photos are aligned as the training faces were: face-api with the
    /// recorded detector input, score threshold and eye geometry; centre-crop with its recorded fraction; the synthetic
    /// default data's faces are rendered aligned, and datasets distributed as face crops (TFD, SFEW, FER2013, folder
    /// imports without an aligner) were only centre-cropped — both are the central square.
    /// </summary>
    /// <exception cref="ArgumentException">The text names no known normalisation (the message says to choose an aligner).</exception>
    public static IFaceAligner ForNormalisation(string normalisation, string? modelsDir = null)
    {
        if (normalisation.StartsWith("face-api", StringComparison.Ordinal))
        {
            var detector = DetectorSettings().Match(normalisation);
            var eyes = EyeSettings().Match(normalisation);
            var geometry = eyes.Success ? new EyeAlignment(Number(eyes.Groups[1]), Number(eyes.Groups[2])) : new EyeAlignment();
            return detector.Success
                ? new FaceApiAligner(modelsDir, geometry, int.Parse(detector.Groups[1].Value, CultureInfo.InvariantCulture), Number(detector.Groups[2]))
                : new FaceApiAligner(modelsDir, geometry);
        }
        if (normalisation.StartsWith("centre-crop", StringComparison.Ordinal))
            return CentreFraction().Match(normalisation) is { Success: true } m ? new CentreCropAligner(Number(m.Groups[1])) : new CentreCropAligner();
        if (normalisation.StartsWith("synthetic: rendered aligned", StringComparison.Ordinal) || normalisation.StartsWith("as distributed", StringComparison.Ordinal)
            || normalisation.Contains("central square resized", StringComparison.Ordinal))
            return new CentreCropAligner();
        throw new ArgumentException($"The dataset's normalisation \"{normalisation}\" is not one this project can repeat; choose an aligner (face-api or centre-crop).");
    }

    /// <summary>
    /// An aligner as a user names it: "face-api", "centre-crop", "centre-crop:F" (the central F, 0.1–1, of the shorter
    /// side) or "none" (the central square: faces already cropped).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name or a bad fraction (the message lists the names).</exception>
    public static IFaceAligner Parse(string text, string? modelsDir = null)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var name = parts[0] == "center-crop" ? "centre-crop" : parts[0].ToLowerInvariant();
        double? fraction = null;
        if (parts.Length == 2)
        {
            if (name != "centre-crop") throw new ArgumentException($"--aligner '{text}': only centre-crop takes an argument (centre-crop:0.8).");
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) throw new ArgumentException($"--aligner '{text}': '{parts[1]}' is not a number.");
            if (f is < 0.1 or > 1.0) throw new ArgumentException($"--aligner '{text}': the fraction must be between 0.1 and 1.");
            fraction = f;
        }
        return name switch
        {
            "face-api" => new FaceApiAligner(modelsDir),
            "centre-crop" => new CentreCropAligner(fraction ?? 1.0),
            "none" => new CentreCropAligner(),
            _ => throw new ArgumentException($"--aligner '{text}': unknown aligner; known: face-api, centre-crop[:F], none."),
        };
    }

    private static double Number(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"input (\d+), score > ([0-9.]+)")]
    private static partial Regex DetectorSettings();

    [GeneratedRegex(@"([0-9.]+)·size apart, centred at \(0\.5, ([0-9.]+)\)")]
    private static partial Regex EyeSettings();

    [GeneratedRegex(@"^centre-crop ([0-9.]+) of the shorter side")]
    private static partial Regex CentreFraction();
}
