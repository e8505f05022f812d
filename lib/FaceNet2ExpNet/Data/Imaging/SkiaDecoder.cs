using System.Runtime.InteropServices;
using SkiaSharp;

namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>
/// PNG (8/16-bit, palette, grey + alpha), JPEG (baseline, progressive, grey, CMYK), GIF (first frame), BMP and WebP
/// through Skia's codecs (libpng, libjpeg-turbo, libwebp), as stored: no colour management, alpha dropped. The EXIF
/// orientation is returned, not applied.
/// </summary>
internal static class SkiaDecoder
{
    public static (ImageDecoder.Rgb Stored, int Orientation) Decode(byte[] bytes, string format)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException(
            $"truncated {format} (or a corrupt one): its header could not be read");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        ImageLimits.Check(w, h);
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[(long)w * h * 4];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        SKCodecResult result;
        try { result = codec.GetPixels(info, handle.AddrOfPinnedObject()); }
        finally { handle.Free(); }
        if (result is SKCodecResult.IncompleteInput)
            throw new InvalidDataException($"truncated {format}: the file ends before its image data does");
        if (result is not SKCodecResult.Success)
            throw new InvalidDataException($"{format} image data could not be decoded ({result})");

        var rgb = new byte[(long)w * h * 3];
        for (long p = 0, n = (long)w * h; p < n; p++)
        {
            rgb[3 * p] = rgba[4 * p];
            rgb[3 * p + 1] = rgba[4 * p + 1];
            rgb[3 * p + 2] = rgba[4 * p + 2];
        }
        // Skia reads EXIF from JPEG and WebP; a PNG keeps it in an eXIf chunk.
        var orientation = codec.EncodedOrigin == SKEncodedOrigin.TopLeft && format == "PNG" ? Orientation.FromPng(bytes) : (int)codec.EncodedOrigin;
        return (new ImageDecoder.Rgb(rgb, w, h), orientation);
    }
}
