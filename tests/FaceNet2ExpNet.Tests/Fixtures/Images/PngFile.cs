using System.IO.Compression;

namespace FaceNet2ExpNet.Tests.Fixtures.Images;

/// <summary>PNG files written byte by byte, so every colour type and depth can be tested: grey, grey + alpha, RGB, RGBA, palette; 8 or 16 bits; optional eXIf.</summary>
public static class PngFile
{
    public enum Kind { Grey, GreyAlpha, Rgb, Rgba, Palette }

    public static byte[] Write(Pattern p, Kind kind, int depth = 8, int? exifOrientation = null)
    {
        var (rgb, w, h) = p.Stored(exifOrientation ?? 1);
        var channels = kind switch { Kind.Grey or Kind.Palette => 1, Kind.GreyAlpha => 2, Kind.Rgb => 3, _ => 4 };
        var bytesPerSample = depth / 8;
        var raw = new MemoryStream();
        for (var y = 0; y < h; y++)
        {
            raw.WriteByte(0);   // filter: none
            for (var x = 0; x < w; x++)
            {
                var (r, g, b) = (rgb[(y * w + x) * 3], rgb[(y * w + x) * 3 + 1], rgb[(y * w + x) * 3 + 2]);
                var grey = Pattern.Grey((r, g, b));
                byte[] samples = kind switch
                {
                    Kind.Grey => [grey], Kind.GreyAlpha => [grey, 255], Kind.Rgb => [r, g, b], Kind.Rgba => [r, g, b, 255],
                    _ => [(byte)Array.IndexOf(Pattern.Colours, (r, g, b))],
                };
                foreach (var s in samples)
                    for (var k = 0; k < bytesPerSample; k++) raw.WriteByte(s);   // 16-bit: v·257, big-endian
            }
        }
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var colourType = kind switch { Kind.Grey => 0, Kind.GreyAlpha => 4, Kind.Rgb => 2, Kind.Rgba => 6, _ => 3 };
        Chunk(png, "IHDR", [.. BigEndian(w), .. BigEndian(h), (byte)depth, (byte)colourType, 0, 0, 0]);
        if (kind == Kind.Palette) Chunk(png, "PLTE", [.. Pattern.Colours.SelectMany(c => new[] { c.R, c.G, c.B })]);
        if (exifOrientation is { } o) Chunk(png, "eXIf", Pattern.ExifOrientation(o));
        var z = new MemoryStream();
        using (var zlib = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw.ToArray());
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static void Chunk(Stream s, string type, byte[] data)
    {
        s.Write(BigEndian(data.Length));
        byte[] typed = [.. type.Select(c => (byte)c), .. data];
        s.Write(typed);
        s.Write(BigEndian((int)Crc32(typed)));
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
