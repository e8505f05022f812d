namespace FaceNet2ExpNet.Tests.Fixtures.Images;

/// <summary>
/// JPEG files written byte by byte: grey, YCbCr or Adobe CMYK; baseline or progressive; optional EXIF orientation.
/// The pattern's quadrants are whole 8×8 blocks, so every block is one colour and needs only its DC coefficient
/// (quantiser 1, every AC coefficient zero): a complete, valid JPEG from a few dozen lines.
/// </summary>
public static class JpegFile
{
    public enum Kind { Grey, YCbCr, Cmyk }

    /// <summary>Inverted ink of black in the CMYK files (Adobe's convention: 255 = no ink); the colours are scaled up to make up for it.</summary>
    public const int CmykBlackInverted = 210;

    public static byte[] Write(Pattern p, Kind kind, bool progressive = false, int? exifOrientation = null)
    {
        var (rgb, w, h) = p.Stored(exifOrientation ?? 1);
        if (w % 8 != 0 || h % 8 != 0) throw new ArgumentException("the pattern must be whole 8×8 blocks");
        var n = kind switch { Kind.Grey => 1, Kind.YCbCr => 3, _ => 4 };
        var (bw, bh) = (w / 8, h / 8);
        var dc = new int[n, bh * bw];   // DC coefficient of each block: 8·(value − 128)
        for (var by = 0; by < bh; by++)
        for (var bx = 0; bx < bw; bx++)
        {
            var i = (by * 8 * w + bx * 8) * 3;
            var v = Components(kind, rgb[i], rgb[i + 1], rgb[i + 2]);
            for (var c = 0; c < n; c++) dc[c, by * bw + bx] = 8 * (v[c] - 128);
        }

        var s = new MemoryStream();
        s.Write([0xFF, 0xD8]);
        if (exifOrientation is { } o) Segment(s, 0xE1, [.. "Exif\0\0"u8, .. Pattern.ExifOrientation(o)]);
        if (kind == Kind.Cmyk) Segment(s, 0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 0]);   // transform 0: CMYK stored as is
        else Segment(s, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        Segment(s, 0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(s, (byte)(progressive ? 0xC2 : 0xC0),
            [8, (byte)(h >> 8), (byte)h, (byte)(w >> 8), (byte)w, (byte)n, .. Enumerable.Range(1, n).SelectMany(c => new byte[] { (byte)c, 0x11, 0 })]);
        // DC table: categories 0–11, all 4-bit codes. AC table: only EOB (0x00), code "0".
        Segment(s, 0xC4, [0x00, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. Enumerable.Range(0, 12).Select(v => (byte)v),
                          0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        if (!progressive) Scan(s, Enumerable.Range(0, n).ToArray(), 0, 63, dc, bw * bh);
        else
        {
            Scan(s, Enumerable.Range(0, n).ToArray(), 0, 0, dc, bw * bh);                     // DC of every component
            for (var c = 0; c < n; c++) Scan(s, [c], 1, 63, dc, bw * bh);                     // then each one's AC: all EOB
        }
        s.Write([0xFF, 0xD9]);
        return s.ToArray();
    }

    /// <summary>Adds an EXIF APP1 segment with the orientation tag right after SOI of an existing JPEG.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        var s = new MemoryStream();
        s.Write(jpeg, 0, 2);
        Segment(s, 0xE1, [.. "Exif\0\0"u8, .. Pattern.ExifOrientation(orientation)]);
        s.Write(jpeg, 2, jpeg.Length - 2);
        return s.ToArray();
    }

    private static int[] Components(Kind kind, byte r, byte g, byte b) => kind switch
    {
        Kind.Grey => [Pattern.Grey((r, g, b))],
        Kind.YCbCr => [(int)Math.Round(0.299 * r + 0.587 * g + 0.114 * b),
                       (int)Math.Round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
                       (int)Math.Round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)],
        // Adobe CMYK is stored inverted: R = C'·K'/255 with C' = 255 − C. K' < 255, so black ink matters.
        _ => [.. new[] { r, g, b }.Select(v => Math.Min(255, (int)Math.Round(v * 255.0 / CmykBlackInverted))), CmykBlackInverted],
    };

    private static void Scan(Stream s, int[] components, int ss, int se, int[,] dc, int blocks)
    {
        Segment(s, 0xDA, [(byte)components.Length, .. components.SelectMany(c => new byte[] { (byte)(c + 1), 0x00 }), (byte)ss, (byte)se, 0]);
        var bits = new BitWriter(s);
        var previous = new int[dc.GetLength(0)];
        for (var b = 0; b < blocks; b++)
        foreach (var c in components)
        {
            if (ss == 0)
            {
                var diff = dc[c, b] - previous[c];
                previous[c] = dc[c, b];
                var category = diff == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(diff));
                bits.Write(category, 4);
                bits.Write(diff >= 0 ? diff : diff + (1 << category) - 1, category);
            }
            if (se > 0) bits.Write(0, 1);   // end of block
        }
        bits.Flush();
    }

    private static void Segment(Stream s, byte marker, byte[] payload)
    {
        s.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        s.Write(payload);
    }

    /// <summary>Entropy-coded bits, most significant first, with 0xFF stuffed by 0x00 and the last byte padded with ones.</summary>
    private sealed class BitWriter(Stream s)
    {
        private int buffer, count;

        public void Write(int value, int length)
        {
            for (var k = length - 1; k >= 0; k--)
            {
                buffer = buffer << 1 | ((value >> k) & 1);
                if (++count == 8) Emit();
            }
        }

        public void Flush()
        {
            while (count != 0) Write(1, 1);
        }

        private void Emit()
        {
            s.WriteByte((byte)buffer);
            if (buffer == 0xFF) s.WriteByte(0);
            (buffer, count) = (0, 0);
        }
    }
}
