namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>
/// The EXIF/TIFF orientation tag (0x0112) applied to decoded pixels: 1 as stored, 2 mirrored, 3 rotated 180°, 4 flipped,
/// 5 transposed, 6 rotated 90° clockwise, 7 transversed, 8 rotated 90° anticlockwise (the rotation that displays it
/// upright). Phones store portrait photos sideways with tag 6 or 8.
/// </summary>
public static class Orientation
{
    /// <summary>The upright image; <paramref name="orientation"/> values outside 1–8 (absent or invalid tags) leave it as stored.</summary>
    public static ImageDecoder.Rgb Apply(ImageDecoder.Rgb stored, int orientation)
    {
        if (orientation is < 2 or > 8) return stored;
        var (w, h) = (stored.Width, stored.Height);
        var swap = orientation >= 5;
        var (dw, dh) = swap ? (h, w) : (w, h);
        var output = new byte[stored.Pixels.Length];
        for (var y = 0; y < dh; y++)
        for (var x = 0; x < dw; x++)
        {
            // (column, row) of the stored pixel shown at display (x, y); the tag says where stored row 0 and column 0 go.
            var (c, r) = orientation switch
            {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                _ => (w - 1 - y, x),
            };
            Buffer.BlockCopy(stored.Pixels, (r * w + c) * 3, output, (y * dw + x) * 3, 3);
        }
        return new ImageDecoder.Rgb(output, dw, dh);
    }

    /// <summary>
    /// The orientation in a TIFF-structured EXIF block ("II*\0" or "MM\0*" header, IFD0), as PNG's eXIf chunk holds it;
    /// 1 when absent or unreadable.
    /// </summary>
    public static int FromExif(ReadOnlySpan<byte> exif)
    {
        if (exif.Length < 8) return 1;
        bool little;
        if (exif[0] == 'I' && exif[1] == 'I') little = true;
        else if (exif[0] == 'M' && exif[1] == 'M') little = false;
        else return 1;
        int U16(ReadOnlySpan<byte> s, int at) => little ? s[at] | s[at + 1] << 8 : s[at] << 8 | s[at + 1];
        long U32(ReadOnlySpan<byte> s, int at) => (uint)(little ? s[at] | s[at + 1] << 8 | s[at + 2] << 16 | s[at + 3] << 24
                                                                  : s[at] << 24 | s[at + 1] << 16 | s[at + 2] << 8 | s[at + 3]);
        var ifd = U32(exif, 4);
        if (ifd < 8 || ifd + 2 > exif.Length) return 1;
        var count = U16(exif, (int)ifd);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + 12 * i;
            if (entry + 12 > exif.Length) return 1;
            if (U16(exif, entry) == 0x0112 && U16(exif, entry + 2) == 3) return U16(exif, entry + 8);   // SHORT, value inline
        }
        return 1;
    }

    /// <summary>The orientation in a PNG's eXIf chunk (Skia reads EXIF from JPEG and WebP only); 1 when there is none.</summary>
    public static int FromPng(ReadOnlySpan<byte> png)
    {
        var at = 8;
        while (at + 8 <= png.Length)
        {
            var length = (long)(uint)(png[at] << 24 | png[at + 1] << 16 | png[at + 2] << 8 | png[at + 3]);
            var type = png.Slice(at + 4, 4);
            if (type.SequenceEqual("IEND"u8) || at + 12 + length > png.Length) return 1;
            if (type.SequenceEqual("eXIf"u8)) return FromExif(png.Slice(at + 8, (int)length));
            at += 12 + (int)length;
        }
        return 1;
    }
}
