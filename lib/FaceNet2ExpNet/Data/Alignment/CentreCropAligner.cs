
namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// The detector-free fallback: the central square of the frame, optionally tightened (<paramref name="fraction"/> of the
/// shorter side), resized to the requested size. Adequate for datasets whose faces are roughly centred (CK+, Oulu-CASIA
/// frames); dataset.json records that no alignment was done.
/// </summary>
public sealed class CentreCropAligner(double fraction = 1.0) : IFaceAligner
{
    public string Name => fraction >= 1.0 ? "centre-crop (no face detection)" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"centre-crop {fraction:0.##} of the shorter side (no face detection)");

    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size) => ImageDecoder.ToSquare(frame, size, Fraction);

    /// <summary>The one "face" this aligner knows: the central square <see cref="ImageDecoder.ToSquare"/> crops.</summary>
    public IReadOnlyList<AlignedFace> AlignAll(ImageDecoder.Rgb frame, int size)
    {
        var side = (int)Math.Round(Math.Min(frame.Width, frame.Height) * Fraction);
        return [new AlignedFace(new FaceRegion((frame.Width - side) / 2, (frame.Height - side) / 2, side, side), Align(frame, size), null)];
    }

    private double Fraction => Math.Clamp(fraction, 0.1, 1.0);
}
