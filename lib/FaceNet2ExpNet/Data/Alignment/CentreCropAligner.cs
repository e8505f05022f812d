
namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// The detector-free fallback: the central square of the frame, optionally tightened (<paramref name="fraction"/> of the
/// shorter side), resized to the requested size. Adequate for datasets whose faces are roughly centred (CK+, Oulu-CASIA
/// frames); dataset.json records that no alignment was done.
/// </summary>
public sealed class CentreCropAligner(double fraction = 1.0) : IFaceAligner
{
    public string Name => fraction >= 1.0 ? "centre-crop (no face detection)" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"centre-crop {fraction:0.##} of the shorter side (no face detection)");

    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size)
    {
        var side = (int)Math.Round(Math.Min(frame.Width, frame.Height) * Math.Clamp(fraction, 0.1, 1.0));
        var top = (frame.Height - side) / 2;
        var left = (frame.Width - side) / 2;
        var crop = new byte[side * side * 3];
        for (var y = 0; y < side; y++)
            Buffer.BlockCopy(frame.Pixels, ((top + y) * frame.Width + left) * 3, crop, y * side * 3, side * 3);
        var chw = ImageDecoder.ToSquareChw(new ImageDecoder.Rgb(crop, side, side), size);
        var plane = size * size;
        var rgb = new byte[3 * plane];
        for (var p = 0; p < plane; p++)
        {
            rgb[3 * p] = chw[p];
            rgb[3 * p + 1] = chw[plane + p];
            rgb[3 * p + 2] = chw[2 * plane + p];
        }
        return new ImageDecoder.Rgb(rgb, size, size);
    }
}
