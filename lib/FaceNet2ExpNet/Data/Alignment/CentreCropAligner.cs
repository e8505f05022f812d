
namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// The detector-free fallback: the central square of the frame, optionally tightened (<paramref name="fraction"/> of the
/// shorter side), resized to the requested size. Adequate for datasets whose faces are roughly centred (CK+, Oulu-CASIA
/// frames); dataset.json records that no alignment was done.
/// </summary>
public sealed class CentreCropAligner(double fraction = 1.0) : IFaceAligner
{
    public string Name => fraction >= 1.0 ? "centre-crop (no face detection)" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"centre-crop {fraction:0.##} of the shorter side (no face detection)");

    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size) => ImageDecoder.ToSquare(frame, size, Math.Clamp(fraction, 0.1, 1.0));
}
