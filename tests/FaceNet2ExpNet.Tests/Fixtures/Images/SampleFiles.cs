using SkiaSharp;

namespace FaceNet2ExpNet.Tests.Fixtures.Images;

/// <summary>The test pattern in every format and variant the decoder must read, by name ("png-palette", "jpeg-cmyk", "tiff-rgb-lzw", …).</summary>
public static class SampleFiles
{
    private static readonly Pattern P = new();

    /// <summary>Writes the named variant of the pattern to <paramref name="path"/>.</summary>
    public static void Write(string name, string path, int orientation = 1)
    {
        byte[]? bytes = name switch
        {
            "png-rgb8" => PngFile.Write(P, PngFile.Kind.Rgb, exifOrientation: Exif(orientation)),
            "png-rgb16" => PngFile.Write(P, PngFile.Kind.Rgb, depth: 16),
            "png-rgba" => PngFile.Write(P, PngFile.Kind.Rgba),
            "png-palette" => PngFile.Write(P, PngFile.Kind.Palette),
            "png-grey8" => PngFile.Write(P, PngFile.Kind.Grey),
            "png-grey16" => PngFile.Write(P, PngFile.Kind.Grey, depth: 16),
            "png-grey-alpha" => PngFile.Write(P, PngFile.Kind.GreyAlpha),
            "jpeg-ycbcr" => JpegFile.Write(P, JpegFile.Kind.YCbCr, exifOrientation: Exif(orientation)),
            "jpeg-grey" => JpegFile.Write(P, JpegFile.Kind.Grey),
            "jpeg-progressive" => JpegFile.Write(P, JpegFile.Kind.YCbCr, progressive: true, exifOrientation: Exif(orientation)),
            "jpeg-cmyk" => JpegFile.Write(P, JpegFile.Kind.Cmyk),
            "jpeg-progressive-cmyk" => JpegFile.Write(P, JpegFile.Kind.Cmyk, progressive: true),
            "jpeg-skia" => SkiaEncode(SKEncodedImageFormat.Jpeg, 95, orientation),
            "gif" => GifBmpFile.Gif(P),
            "bmp24" => GifBmpFile.Bmp(P, palette: false),
            "bmp8-palette" => GifBmpFile.Bmp(P, palette: true),
            "webp-lossless" => SkiaEncode(SKEncodedImageFormat.Webp, 100, 1),
            "webp-lossy" => SkiaEncode(SKEncodedImageFormat.Webp, 90, 1),
            _ => null,
        };
        if (bytes is not null) File.WriteAllBytes(path, bytes);
        else TiffFile.Write(path, P, name switch
        {
            "tiff-palette" => TiffFile.Kind.Palette, "tiff-grey" => TiffFile.Kind.Grey, "tiff-cmyk" => TiffFile.Kind.Cmyk,
            "tiff-rgb" or "tiff-rgb-lzw" => TiffFile.Kind.Rgb, _ => throw new ArgumentException(name),
        }, orientation, lzw: name.EndsWith("lzw"));
    }

    private static int? Exif(int orientation) => orientation == 1 ? null : orientation;

    private static byte[] SkiaEncode(SKEncodedImageFormat format, int quality, int orientation)
    {
        var (rgb, w, h) = P.Stored(orientation);
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
            bitmap.SetPixel(x, y, new SKColor(rgb[(y * w + x) * 3], rgb[(y * w + x) * 3 + 1], rgb[(y * w + x) * 3 + 2]));
        using var data = bitmap.Encode(format, quality);
        var bytes = data.ToArray();
        return orientation == 1 ? bytes : JpegFile.WithExifOrientation(bytes, orientation);
    }
}
