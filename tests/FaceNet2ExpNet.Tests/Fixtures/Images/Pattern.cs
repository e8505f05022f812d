namespace FaceNet2ExpNet.Tests.Fixtures.Images;

/// <summary>
/// The test picture every hand-written image file holds: four coloured quadrants (top-left red, top-right green,
/// bottom-left blue, bottom-right yellow), 32×16 by default so every quadrant is whole 8×8 JPEG blocks. Which colour
/// lands where shows whether a decoder turned the picture upright.
/// </summary>
public sealed record Pattern(int Width = 32, int Height = 16)
{
    public static readonly (byte R, byte G, byte B)[] Colours = [(200, 30, 30), (30, 180, 30), (30, 30, 200), (190, 180, 40)];

    /// <summary>Index into <see cref="Colours"/> of pixel (x, y).</summary>
    public int Index(int x, int y) => (x < Width / 2 ? 0 : 1) + (y < Height / 2 ? 0 : 2);

    public (byte R, byte G, byte B) At(int x, int y) => Colours[Index(x, y)];

    /// <summary>Row-major RGB bytes.</summary>
    public byte[] Rgb()
    {
        var px = new byte[Width * Height * 3];
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
            (px[(y * Width + x) * 3], px[(y * Width + x) * 3 + 1], px[(y * Width + x) * 3 + 2]) = At(x, y);
        return px;
    }

    /// <summary>Grey value of a colour (ITU-R 601 luma, as JPEG's Y).</summary>
    public static byte Grey((byte R, byte G, byte B) c) => (byte)Math.Round(0.299 * c.R + 0.587 * c.G + 0.114 * c.B);

    /// <summary>
    /// The stored pixels that display as this pattern under EXIF orientation <paramref name="orientation"/> (1–8), i.e.
    /// the inverse of what a viewer does; returns them with the stored width and height.
    /// </summary>
    public (byte[] Rgb, int Width, int Height) Stored(int orientation)
    {
        var swap = orientation >= 5;
        var (w, h) = swap ? (Height, Width) : (Width, Height);
        var px = new byte[w * h * 3];
        for (var r = 0; r < h; r++)
        for (var c = 0; c < w; c++)
        {
            var (x, y) = orientation switch   // display position of stored (c, r)
            {
                2 => (w - 1 - c, r), 3 => (w - 1 - c, h - 1 - r), 4 => (c, h - 1 - r), 5 => (r, c),
                6 => (h - 1 - r, c), 7 => (h - 1 - r, w - 1 - c), 8 => (r, w - 1 - c), _ => (c, r),
            };
            (px[(r * w + c) * 3], px[(r * w + c) * 3 + 1], px[(r * w + c) * 3 + 2]) = At(x, y);
        }
        return (px, w, h);
    }

    /// <summary>The largest per-channel difference from the pattern, away from the quadrant borders (lossy codecs blur them).</summary>
    public int MaxError(FaceNet2ExpNet.Data.ImageDecoder.Rgb image, bool grey = false)
    {
        Assert.Equal((Width, Height), (image.Width, image.Height));
        var max = 0;
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
        {
            if (Math.Abs(x - Width / 2 + 0.5) < 2 || Math.Abs(y - Height / 2 + 0.5) < 2) continue;
            var c = At(x, y);
            var expected = grey ? [Grey(c), Grey(c), Grey(c)] : new[] { c.R, c.G, c.B };
            for (var k = 0; k < 3; k++) max = Math.Max(max, Math.Abs(image.Pixels[(y * Width + x) * 3 + k] - expected[k]));
        }
        return max;
    }

    /// <summary>A TIFF-structured EXIF block (big-endian) holding only the orientation tag, as in JPEG APP1 and PNG eXIf.</summary>
    public static byte[] ExifOrientation(int orientation) =>
    [
        (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,           // header, IFD0 at offset 8
        0, 1,                                              // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0,   // Orientation, SHORT, count 1, value
        0, 0, 0, 0,                                        // no next IFD
    ];
}
