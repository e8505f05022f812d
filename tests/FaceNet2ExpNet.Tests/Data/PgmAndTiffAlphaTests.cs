using System.Text;
using BitMiracle.LibTiff.Classic;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>
/// Two formats that decoded wrongly when issue 13 was verified: binary PGM/PPM (the documented format of AT&amp;T/ORL's
/// faces; every file failed with "unknown image type") and TIFF with an alpha channel (colours came out multiplied by
/// alpha, unlike the same picture as PNG).
/// </summary>
public class PgmAndTiffAlphaTests
{
    private static byte[] Netpbm(string header, byte[] samples) => [.. Encoding.ASCII.GetBytes(header), .. samples];

    [Fact]
    public void Pgm8_Pgm16_AndPpmWithAComment_Decode()
    {
        var grey = ImageDecoder.Decode(Netpbm("P5\n3 2\n255\n", [0, 10, 20, 30, 40, 255]), "a.pgm");
        Assert.Equal((3, 2), (grey.Width, grey.Height));
        Assert.Equal([0, 0, 0, 10, 10, 10, 20, 20, 20], grey.Pixels[..9]);
        Assert.Equal([255, 255, 255], grey.Pixels[^3..]);

        var deep = ImageDecoder.Decode(Netpbm("P5 1 2 65535\n", [0xFF, 0xFF, 0x80, 0x00]), "b.pgm");   // 16-bit, big-endian
        Assert.Equal([255, 255, 255, 128, 128, 128], deep.Pixels);

        var colour = ImageDecoder.Decode(Netpbm("P6\n# made by hand\n2 1\n# max\n100\n", [100, 0, 50, 0, 100, 0]), "c.ppm");
        Assert.Equal([255, 0, 128, 0, 255, 0], colour.Pixels);   // scaled from maxval 100
    }

    [Fact]
    public void TruncatedPgm_IsAnErrorNamingIt()
    {
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(Netpbm("P5\n4 4\n255\n", [1, 2, 3]), "faces/s1/1.pgm"));
        Assert.Equal("faces/s1/1.pgm: could not be decoded as an image (truncated PGM/PPM: the file ends before its image data does).", e.Message);
    }

    [Theory]
    [InlineData(ExtraSample.UNASSALPHA)]
    [InlineData(ExtraSample.ASSOCALPHA)]
    public void TiffWithAlpha_GivesTheColoursAPngWould(ExtraSample kind)
    {
        using var dir = new TempDir();
        var path = dir["alpha.tif"];
        var (r, g, b, a) = ((byte)200, (byte)30, (byte)90, (byte)128);
        using (var t = Tiff.Open(path, "w")!)
        {
            t.SetField(TiffTag.IMAGEWIDTH, 2);
            t.SetField(TiffTag.IMAGELENGTH, 1);
            t.SetField(TiffTag.BITSPERSAMPLE, 8);
            t.SetField(TiffTag.SAMPLESPERPIXEL, 4);
            t.SetField(TiffTag.EXTRASAMPLES, 1, new[] { (short)kind });
            t.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
            t.SetField(TiffTag.PHOTOMETRIC, Photometric.RGB);
            t.SetField(TiffTag.ROWSPERSTRIP, 1);
            byte P(byte c) => kind == ExtraSample.ASSOCALPHA ? (byte)((c * a + 127) / 255) : c;   // associated alpha is stored premultiplied
            t.WriteScanline(new byte[] { P(r), P(g), P(b), a, 10, 20, 30, 255 }, 0);
        }
        var rgb = ImageDecoder.Decode(path);
        Assert.True(Math.Abs(rgb.Pixels[0] - r) <= 2 && Math.Abs(rgb.Pixels[1] - g) <= 2 && Math.Abs(rgb.Pixels[2] - b) <= 2,
            $"got {string.Join(",", rgb.Pixels[..3])}, expected {r},{g},{b}");   // before: about half of each (premultiplied)
        Assert.Equal([10, 20, 30], rgb.Pixels[3..]);
    }
}
