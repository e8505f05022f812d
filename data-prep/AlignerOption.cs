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
    /// <summary>Aligner name → factory taking the optional argument after ':' (e.g. centre-crop:0.8 keeps 80 % of the shorter side).</summary>
    private static readonly Dictionary<string, Func<double?, IFaceAligner>> Aligners = new(StringComparer.OrdinalIgnoreCase)
    {
        ["centre-crop"] = fraction => new CentreCropAligner(Fraction(fraction ?? 1.0)),
        // The paper's normalisation (Sec. IV-A): face detector + landmarks, eyes level at a fixed distance (docs/face-api.md).
        // Loaded when first used, so an import that aligns nothing (Oulu-CASIA's crops) needs no installed models.
        ["face-api"] = _ => new LazyAligner(() => FaceNet2ExpNet.Data.Alignment.Aligners.Create("face-api")),
        ["none"] = _ => FaceNet2ExpNet.Data.Importers.FaceImages.AsDistributed,
    };

    public static Option<string> Create(string defaultValue = "face-api") => new("--aligner")
    {
        Description = $"Face normalisation: {string.Join(", ", Aligners.Keys)} (face-api: detector + landmarks, eyes level, as the paper; " +
                      "centre-crop:F keeps the central F (0.1–1) of the shorter side, no detection; none: as distributed, central square)",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>The aligner named by <paramref name="text"/> ("centre-crop", "centre-crop:0.8"); an unknown name is an error listing the known ones.</summary>
    public static IFaceAligner Parse(string text)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var name = parts[0] == "center-crop" ? "centre-crop" : parts[0];
        if (!Aligners.TryGetValue(name, out var make))
            throw new ArgumentException($"--aligner '{text}': unknown aligner; known: {string.Join(", ", Aligners.Keys)}.");
        double? argument = null;
        if (parts.Length == 2)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ArgumentException($"--aligner '{text}': '{parts[1]}' is not a number.");
            argument = value;
        }
        return make(argument);
    }

    private static double Fraction(double f) => f is >= 0.1 and <= 1.0 ? f
        : throw new ArgumentException($"--aligner centre-crop:{f.ToString(CultureInfo.InvariantCulture)}: the fraction must be between 0.1 and 1.");
}
