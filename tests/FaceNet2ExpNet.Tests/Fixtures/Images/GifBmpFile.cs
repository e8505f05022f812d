namespace FaceNet2ExpNet.Tests.Fixtures.Images;

/// <summary>GIF (palette, LZW) and BMP (24-bit, 8-bit palette) files written byte by byte.</summary>
public static class GifBmpFile
{
    public static byte[] Gif(Pattern p)
    {
        var s = new MemoryStream();
        s.Write("GIF89a"u8);
        s.Write([.. Le16(p.Width), .. Le16(p.Height), 0xF7, 0, 0]);   // global colour table of 256 entries
        for (var i = 0; i < 256; i++)
        {
            var c = i < Pattern.Colours.Length ? Pattern.Colours[i] : ((byte)0, (byte)0, (byte)0);
            s.Write([c.Item1, c.Item2, c.Item3]);
        }
        s.Write([0x2C, 0, 0, 0, 0, .. Le16(p.Width), .. Le16(p.Height), 0]);
        s.WriteByte(8);   // LZW minimum code size
        // Every pixel as a 9-bit literal, with a clear code every 254 literals so the code width never grows.
        var bits = new List<bool>();
        void Code(int code) { for (var k = 0; k < 9; k++) bits.Add(((code >> k) & 1) != 0); }
        Code(256);
        var n = 0;
        for (var y = 0; y < p.Height; y++)
        for (var x = 0; x < p.Width; x++)
        {
            if (n++ == 254) { Code(256); n = 1; }
            Code(p.Index(x, y));
        }
        Code(257);
        var data = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++) if (bits[i]) data[i / 8] |= (byte)(1 << (i % 8));
        for (var at = 0; at < data.Length; at += 255)
        {
            var len = Math.Min(255, data.Length - at);
            s.WriteByte((byte)len);
            s.Write(data, at, len);
        }
        s.Write([0, 0x3B]);
        return s.ToArray();
    }

    public static byte[] Bmp(Pattern p, bool palette)
    {
        var rowBytes = ((palette ? p.Width : 3 * p.Width) + 3) & ~3;
        var paletteBytes = palette ? 256 * 4 : 0;
        var offset = 14 + 40 + paletteBytes;
        var s = new MemoryStream();
        s.Write([(byte)'B', (byte)'M', .. Le32(offset + rowBytes * p.Height), 0, 0, 0, 0, .. Le32(offset)]);
        s.Write([.. Le32(40), .. Le32(p.Width), .. Le32(p.Height), 1, 0, (byte)(palette ? 8 : 24), 0,
                 0, 0, 0, 0, .. Le32(rowBytes * p.Height), .. Le32(2835), .. Le32(2835), .. Le32(palette ? 256 : 0), 0, 0, 0, 0]);
        for (var i = 0; i < 256 && palette; i++)
        {
            var c = i < Pattern.Colours.Length ? Pattern.Colours[i] : ((byte)0, (byte)0, (byte)0);
            s.Write([c.Item3, c.Item2, c.Item1, 0]);
        }
        for (var y = p.Height - 1; y >= 0; y--)   // bottom-up rows, BGR
        {
            var row = new byte[rowBytes];
            for (var x = 0; x < p.Width; x++)
            {
                if (palette) row[x] = (byte)p.Index(x, y);
                else (row[3 * x], row[3 * x + 1], row[3 * x + 2]) = (p.At(x, y).B, p.At(x, y).G, p.At(x, y).R);
            }
            s.Write(row);
        }
        return s.ToArray();
    }

    private static byte[] Le16(int v) => [(byte)v, (byte)(v >> 8)];
    private static byte[] Le32(int v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];
}
