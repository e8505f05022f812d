using System.CommandLine;
using System.Globalization;
using FaceNet2ExpNet.Data.Alignment;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// --aligner NAME[:ARG]: the face normalisation for datasets that ship raw frames (CK+, Oulu-CASIA) and for folder
/// imports ("none": as distributed, the central square resized — for sets of faces already cropped). A new
/// <see cref="IFaceAligner"/> plugs in with one line in <see cref="Aligners"/>.
/// </summary>
public static class AlignerOption
{
    /// <summary>
    /// Aligner name → factory taking the optional argument after ':' (centre-crop:0.8 keeps 80 % of the shorter side;
    /// face-api:tiny uses the tiny face detector alone), or null when there is none.
    /// </summary>
    private static readonly Dictionary<string, Func<string?, IFaceAligner>> Aligners = new(StringComparer.OrdinalIgnoreCase)
    {
        ["centre-crop"] = fraction => new CentreCropAligner(Fraction(fraction is null ? 1.0 : Number("centre-crop", fraction))),
        // The paper's normalisation (Sec. IV-A): face detector + landmarks, eyes level at a fixed distance (docs/face-api.md):
        // SSD MobileNet v1, else the tiny face detector; face-api:ssd or face-api:tiny for one detector alone.
        // Loaded when first used, so an import that aligns nothing (Oulu-CASIA's crops) needs no installed models.
        ["face-api"] = detector =>
        {
            var name = FaceApiName(detector);   // a wrong detector is an error now, not at the first image
            return new LazyAligner(() => FaceNet2ExpNet.Data.Alignment.Aligners.Create(name));
        },
        ["none"] = _ => FaceNet2ExpNet.Data.Importers.FaceImages.AsDistributed,
    };

    public static Option<string> Create(string defaultValue = "face-api") => new("--aligner")
    {
        Description = $"Face normalisation: {string.Join(", ", Aligners.Keys)} (face-api: detector + landmarks, eyes level, as the paper — " +
                      "face-api's SSD MobileNet v1, else its tiny face detector; face-api:ssd or face-api:tiny for one detector alone; " +
                      "centre-crop:F keeps the central F (0.1–1) of the shorter side, no detection; none: as distributed, central square)",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>The aligner named by <paramref name="text"/> ("centre-crop", "centre-crop:0.8", "face-api:tiny"); an unknown name is an error listing the known ones.</summary>
    public static IFaceAligner Parse(string text)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var name = parts[0] == "center-crop" ? "centre-crop" : parts[0];
        if (!Aligners.TryGetValue(name, out var make))
            throw new ArgumentException($"--aligner '{text}': unknown aligner; known: {string.Join(", ", Aligners.Keys)}.");
        if (parts.Length == 2 && name.Equals("none", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--aligner '{text}': none takes no argument.");
        return make(parts.Length == 2 ? parts[1] : null);
    }

    private static double Number(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ArgumentException($"--aligner '{name}:{text}': '{text}' is not a number.");

    /// <summary>"face-api" or "face-api:ssd" / "face-api:tiny"; another detector is an error naming both.</summary>
    private static string FaceApiName(string? detector)
    {
        if (detector is null) return "face-api";
        var name = $"face-api:{detector.ToLowerInvariant()}";
        return FaceNet2ExpNet.Data.Alignment.Aligners.Names.Contains(name) ? name
            : throw new ArgumentException($"--aligner 'face-api:{detector}': face-api's detector is ssd or tiny (face-api:ssd, face-api:tiny; face-api alone: ssd, else tiny).");
    }

    private static double Fraction(double f) => f is >= 0.1 and <= 1.0 ? f
        : throw new ArgumentException($"--aligner centre-crop:{f.ToString(CultureInfo.InvariantCulture)}: the fraction must be between 0.1 and 1.");
}
