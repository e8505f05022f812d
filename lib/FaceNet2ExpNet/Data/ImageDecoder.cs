using StbImageSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>
/// Decodes PNG/JPEG/BMP files to RGB (greyscale replicated to three channels) with StbImageSharp — pure managed code, so
/// decoding is identical on every platform — and brings them to a square side by centre-crop + antialiased resize.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decoded RGB pixels, row-major, 3 bytes per pixel.</summary>
    public sealed record Rgb(byte[] Pixels, int Width, int Height);

    public static Rgb Decode(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            CheckJpegComplete(bytes);
            var image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
            if (image.Width <= 0 || image.Height <= 0) throw new InvalidDataException("zero-sized image");
            return new Rgb(image.Data, image.Width, image.Height);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            var reason = new string(e.Message.Where(ch => !char.IsControl(ch)).ToArray()).Trim();
            if (reason.Length == 0) reason = "truncated or corrupt file";
            throw new InvalidDataException($"{path}: could not be decoded as an image ({reason}).", e);
        }
    }

    /// <summary>
    /// A JPEG must end its last scan with the end-of-image marker. StbImageSharp never returns on some JPEGs cut inside
    /// their header, and decodes one cut inside its image data without complaint (the missing part comes out grey).
    /// In entropy-coded data every 0xFF is followed by 0x00 or a restart marker, so 0xFF 0xDA (start of scan) and
    /// 0xFF 0xD9 (end of image) occur only as markers.
    /// </summary>
    private static void CheckJpegComplete(byte[] b)
    {
        if (b.Length < 2 || b[0] != 0xFF || b[1] != 0xD8) return;
        var lastScan = -1;
        for (var i = b.Length - 2; i >= 2 && lastScan < 0; i--)
            if (b[i] == 0xFF && b[i + 1] == 0xDA) lastScan = i;
        if (lastScan < 0) throw new InvalidDataException("truncated JPEG: no image data (start-of-scan marker) after its header");
        for (var i = lastScan + 2; i < b.Length - 1; i++)
            if (b[i] == 0xFF && b[i + 1] == 0xD9) return;
        throw new InvalidDataException("truncated JPEG: its image data has no end-of-image marker");
    }

    /// <summary>Channel-major (3 × size × size) bytes of <paramref name="image"/>, centre-cropped to a square and resized.</summary>
    public static byte[] ToSquareChw(Rgb image, int size) => Square(image, size, 1.0, channelMajor: true);

    /// <summary>
    /// The central square of <paramref name="image"/> (<paramref name="fraction"/> of its shorter side) resized to
    /// <paramref name="size"/>², as RGB.
    /// </summary>
    public static Rgb ToSquare(Rgb image, int size, double fraction = 1.0) => new(Square(image, size, fraction, channelMajor: false), size, size);

    private static byte[] Square(Rgb image, int size, double fraction, bool channelMajor)
    {
        var (w, h) = (image.Width, image.Height);
        var side = (int)Math.Round(Math.Min(w, h) * fraction);
        if (w == size && h == size && side == size) return channelMajor ? HwcToChw(image.Pixels, size, size) : image.Pixels;
        using var scope = NewDisposeScope();
        var hwc = tensor(image.Pixels, [h, w, 3], ScalarType.Byte).narrow(0, (h - side) / 2, side).narrow(1, (w - side) / 2, side);
        var chw = hwc.permute(2, 0, 1);
        if (side != size)
            chw = nn.functional.interpolate(chw.unsqueeze(0).to_type(ScalarType.Float32), [size, size], mode: InterpolationMode.Bilinear,
                align_corners: false, antialias: true)[0].round().clamp(0, 255).to_type(ScalarType.Byte);
        return (channelMajor ? chw : chw.permute(1, 2, 0)).contiguous().data<byte>().ToArray();
    }

    private static byte[] HwcToChw(byte[] hwc, int w, int h)
    {
        var chw = new byte[hwc.Length];
        var plane = w * h;
        for (var p = 0; p < plane; p++)
        {
            chw[p] = hwc[3 * p];
            chw[plane + p] = hwc[3 * p + 1];
            chw[2 * plane + p] = hwc[3 * p + 2];
        }
        return chw;
    }
}
