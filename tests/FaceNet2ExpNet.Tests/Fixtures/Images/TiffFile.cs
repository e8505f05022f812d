using BitMiracle.LibTiff.Classic;

namespace FaceNet2ExpNet.Tests.Fixtures.Images;

/// <summary>TIFF files (JAFFE's format) written with LibTiff.NET: grey, palette, RGB, CMYK; any orientation tag; LZW or none.</summary>
public static class TiffFile
{
    public enum Kind { Grey, Palette, Rgb, Cmyk }

    public static void Write(string path, Pattern p, Kind kind, int orientation = 1, bool lzw = false)
    {
        var (rgb, w, h) = p.Stored(orientation);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var t = Tiff.Open(path, "w") ?? throw new IOException($"cannot write {path}");
        var samples = kind switch { Kind.Rgb => 3, Kind.Cmyk => 4, _ => 1 };
        t.SetField(TiffTag.IMAGEWIDTH, w);
        t.SetField(TiffTag.IMAGELENGTH, h);
        t.SetField(TiffTag.BITSPERSAMPLE, 8);
        t.SetField(TiffTag.SAMPLESPERPIXEL, samples);
        t.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        t.SetField(TiffTag.ROWSPERSTRIP, h);
        t.SetField(TiffTag.ORIENTATION, (BitMiracle.LibTiff.Classic.Orientation)orientation);
        t.SetField(TiffTag.COMPRESSION, lzw ? Compression.LZW : Compression.NONE);
        t.SetField(TiffTag.PHOTOMETRIC, kind switch
        {
            Kind.Grey => Photometric.MINISBLACK, Kind.Palette => Photometric.PALETTE, Kind.Rgb => Photometric.RGB, _ => Photometric.SEPARATED,
        });
        if (kind == Kind.Cmyk) t.SetField(TiffTag.INKSET, InkSet.CMYK);
        if (kind == Kind.Palette)
        {
            ushort[] Map(Func<(byte R, byte G, byte B), byte> f) =>
                [.. Enumerable.Range(0, 256).Select(i => (ushort)(i < Pattern.Colours.Length ? f(Pattern.Colours[i]) * 257 : 0))];
            t.SetField(TiffTag.COLORMAP, Map(c => c.R), Map(c => c.G), Map(c => c.B));
        }
        for (var y = 0; y < h; y++)
        {
            var row = new byte[w * samples];
            for (var x = 0; x < w; x++)
            {
                var c = (rgb[(y * w + x) * 3], rgb[(y * w + x) * 3 + 1], rgb[(y * w + x) * 3 + 2]);
                switch (kind)
                {
                    case Kind.Grey: row[x] = Pattern.Grey(c); break;
                    case Kind.Palette: row[x] = (byte)Array.IndexOf(Pattern.Colours, c); break;
                    case Kind.Rgb: (row[3 * x], row[3 * x + 1], row[3 * x + 2]) = c; break;
                    default: (row[4 * x], row[4 * x + 1], row[4 * x + 2], row[4 * x + 3]) = ((byte)(255 - c.Item1), (byte)(255 - c.Item2), (byte)(255 - c.Item3), 0); break;
                }
            }
            t.WriteScanline(row, y);
        }
    }
}
