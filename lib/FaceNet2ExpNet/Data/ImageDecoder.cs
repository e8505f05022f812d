using FaceNet2ExpNet.Data.Imaging;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>
/// Every image the project reads goes through here: recognised by content (never by extension), decoded to upright RGB
/// (EXIF/TIFF orientation applied before anything else; greyscale replicated to three channels; alpha dropped), and
/// brought to a square side by centre-crop + antialiased resize. PNG, JPEG, GIF, BMP and WebP are decoded by Skia's
/// codecs (SkiaSharp), TIFF by LibTiff.NET, binary PGM/PPM by <see cref="Imaging.NetpbmDecoder"/> and .tga files by
/// StbImageSharp (environment.md says why).
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decoded RGB pixels, row-major, 3 bytes per pixel.</summary>
    public sealed record Rgb(byte[] Pixels, int Width, int Height);

    /// <summary>
    /// The upright RGB pixels of the image file at <paramref name="path"/>. Throws <see cref="FileNotFoundException"/>
    /// when it is missing and <see cref="InvalidDataException"/> "PATH: could not be decoded as an image (REASON)." when
    /// it is not an image (an archive, a text file, HEIC, …) or is truncated or corrupt, and "PATH: could not be read: its
    /// name is not valid UTF-8 …" for a file that .NET lists but cannot open (on Linux, names are bytes; .NET shows the
    /// bytes that are not UTF-8 as U+FFFD and then finds no file of that name).
    /// </summary>
    public static Rgb Decode(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException e) when (path.Contains('\uFFFD'))
        {
            throw new InvalidDataException($"{SafeText.Escape(path)}: could not be read: its name is not valid UTF-8 (the bytes shown as \uFFFD), " +
                                           "so it cannot be opened; rename the file.", e);
        }
        return Decode(bytes, path);
    }

    /// <summary>As <see cref="Decode(string)"/>, for bytes already read; <paramref name="name"/> names them in errors.</summary>
    public static Rgb Decode(byte[] bytes, string name)
    {
        var signature = FileSignature.Of(bytes.AsSpan(0, Math.Min(bytes.Length, FileSignature.HeadLength)));
        try
        {
            var (stored, orientation) = signature switch
            {
                { Kind: FileKind.Image, Name: "TIFF" } => TiffDecoder.Decode(bytes),
                { Kind: FileKind.Image, Name: "Netpbm (PGM/PPM)" } => (NetpbmDecoder.Decode(bytes), 1),
                { Kind: FileKind.Image } => SkiaDecoder.Decode(bytes, signature.Name),
                _ when signature.Kind == FileKind.Other && Path.GetExtension(name).Equals(".tga", StringComparison.OrdinalIgnoreCase)
                    => (StbDecoder.Decode(bytes, "TGA"), 1),   // TGA has no signature to recognise it by
                _ => throw new InvalidDataException(NotAnImage(signature)),
            };
            return Orientation.Apply(stored, orientation);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = SafeText.Escape(e.Message.Trim(), 200);
            if (reason.Length == 0) reason = "truncated or corrupt file";
            throw new InvalidDataException($"{SafeText.Escape(name)}: could not be decoded as an image ({reason}).", e);
        }
    }

    /// <summary>Why a file that is not a decodable image is not one: "it is a zip archive: unpack it first", "HEIC is not supported: …".</summary>
    public static string NotAnImage(FileSignature signature) => signature.Kind switch
    {
        FileKind.UnsupportedImage => $"{signature.Name}: not a supported format; convert it to PNG or JPEG",
        FileKind.Archive => $"it is {signature.WithArticle}, not an image: unpack it and point at the unpacked folder",
        _ => $"it is {signature.WithArticle}, not a PNG, JPEG, GIF, BMP, TIFF or WebP image",
    };

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
