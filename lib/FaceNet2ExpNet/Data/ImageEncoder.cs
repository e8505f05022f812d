using StbImageWriteSharp;

namespace FaceNet2ExpNet.Data;

/// <summary>PNG encoding in managed code (StbImageWriteSharp): the same pixels give the same bytes everywhere.</summary>
public static class ImageEncoder
{
    public static byte[] Png(byte[] rgb, int width, int height)
    {
        if (rgb.Length != width * height * 3) throw new ArgumentException($"{rgb.Length} bytes is not {width}×{height} RGB.");
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }
}
