using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// In how many frames an aligner's face detector found a face: <see cref="Found"/> by its detector, <see cref="Rescued"/>
/// by its fallback detector after the first found none, and <see cref="NoFace"/> by neither. Aligners count every frame
/// they align (<see cref="IFaceAligner.Detections"/>); an import reports the difference over its images.
/// </summary>
/// <param name="Detector">Short name of the detector, e.g. "face-api SSD MobileNet v1".</param>
/// <param name="Fallback">What tries when the detector finds nothing, with its article ("the tiny face detector"), or null.</param>
public sealed record DetectionCounts(string Detector, string? Fallback, int Found, int Rescued, int NoFace)
{
    public int Frames => Found + Rescued + NoFace;

    /// <summary>The counts since <paramref name="earlier"/> (null: since the aligner was made).</summary>
    public DetectionCounts Since(DetectionCounts? earlier) => earlier is null ? this
        : this with { Found = Found - earlier.Found, Rescued = Rescued - earlier.Rescued, NoFace = NoFace - earlier.NoFace };

    /// <summary>
    /// "face-api SSD MobileNet v1 found a face in 211 of 213 images; the tiny face detector in 1 of the other 2 (1 without
    /// a face: a.png)", naming up to <paramref name="max"/> of the <paramref name="withoutFace"/> files.
    /// </summary>
    public string Describe(IReadOnlyCollection<string> withoutFace, int max = 5)
    {
        var text = $"{Detector} found a face in {Found} of {Frames} images";
        if (Fallback is not null && Frames > Found) text += $"; {Fallback} in {Rescued} of the other {Frames - Found}";
        if (NoFace == 0) return text;
        var names = withoutFace.Take(max).Select(f => SafeText.Escape(f)).ToList();
        var list = names.Count == 0 ? "" : $": {string.Join(", ", names)}{(withoutFace.Count > max ? ", …" : "")}";
        return $"{text} ({NoFace} without a face{list})";
    }
}
