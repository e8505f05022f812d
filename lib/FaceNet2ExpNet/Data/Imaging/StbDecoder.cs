using StbImageSharp;

namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>Binary PGM/PPM (P5/P6; older face sets such as AT&amp;T/ORL ship them) and TGA, which Skia has no codec for.</summary>
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
