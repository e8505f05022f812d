using StbImageSharp;

namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>TGA, which Skia has no codec for (StbImageSharp has no PGM/PPM reader: <see cref="NetpbmDecoder"/> reads those).</summary>
internal static class StbDecoder
{
    public static ImageDecoder.Rgb Decode(byte[] bytes, string format)
    {
        ImageResult image;
        try { image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue); }
        catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"{format} could not be decoded ({e.Message})", e);
        }
        ImageLimits.Check(image.Width, image.Height);
        if (image.Data.Length != image.Width * image.Height * 3) throw new InvalidDataException($"truncated {format}");
        return new ImageDecoder.Rgb(image.Data, image.Width, image.Height);
    }
}
