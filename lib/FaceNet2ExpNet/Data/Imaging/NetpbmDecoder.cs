namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>
/// Binary PGM (P5) and PPM (P6), as older face sets ship them (AT&amp;T/ORL's .pgm faces): a text header "P5 W H MAXVAL"
/// (comments after '#'), one whitespace byte, then the samples row by row, 1 byte each (MAXVAL &lt; 256) or 2 bytes
/// big-endian; scaled to 0–255. Neither Skia nor StbImageSharp reads these.
/// </summary>
internal static class NetpbmDecoder
{
    public static ImageDecoder.Rgb Decode(byte[] bytes)
    {
        var at = 2;
        var channels = bytes[1] == '6' ? 3 : 1;
        int Number(string what)
        {
            while (at < bytes.Length && (IsSpace(bytes[at]) || bytes[at] == '#'))
                if (bytes[at] == '#') { while (at < bytes.Length && bytes[at] != '\n' && bytes[at] != '\r') at++; }
                else at++;
            long value = 0;
            var start = at;
            while (at < bytes.Length && bytes[at] is >= (byte)'0' and <= (byte)'9' && value <= int.MaxValue) value = value * 10 + (bytes[at++] - '0');
            if (at == start || value > int.MaxValue) throw new InvalidDataException($"PGM/PPM header has no valid {what}");
            return (int)value;
        }
        var (w, h, max) = (Number("width"), Number("height"), Number("maximum value"));
        ImageLimits.Check(w, h);
        if (max is < 1 or > 65535) throw new InvalidDataException($"PGM/PPM maximum value {max} is not 1–65535");
        if (at >= bytes.Length || !IsSpace(bytes[at])) throw new InvalidDataException("PGM/PPM header does not end in whitespace");
        at++;
        var size = max < 256 ? 1 : 2;
        var samples = (long)w * h * channels;
        if (bytes.Length - at < samples * size) throw new InvalidDataException("truncated PGM/PPM: the file ends before its image data does");
        var rgb = new byte[(long)w * h * 3];
        for (long i = 0; i < samples; i++)
        {
            var v = size == 1 ? bytes[at + i] : bytes[at + 2 * i] << 8 | bytes[at + 2 * i + 1];
            var b = (byte)Math.Min(255, (v * 255 + max / 2) / max);
            if (channels == 3) rgb[i] = b;
            else rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = b;
        }
        return new ImageDecoder.Rgb(rgb, w, h);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
