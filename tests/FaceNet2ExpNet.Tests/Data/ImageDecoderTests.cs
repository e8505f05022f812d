using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;
using StbImageWriteSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>Decoding to RGB (greyscale replicated), centre-crop + resize to a square, and the same through ImageSet.</summary>
public class ImageDecoderTests
{
    private static byte[] GreyRamp(int w, int h)
    {
        var px = new byte[w * h];
        for (var i = 0; i < px.Length; i++) px[i] = (byte)(i * 4 % 256);
        return px;
    }

    /// <summary>
    /// A w×h RGB image whose centre square (side min(w,h)) has colour A in its first half and B in its second half
    /// (top/bottom for wide images, left/right for tall ones) and colour <paramref name="outside"/> everywhere else.
    /// </summary>
    private static byte[] CentreTwoTone(int w, int h, (byte, byte, byte) a, (byte, byte, byte) b, (byte, byte, byte) outside)
    {
        var side = Math.Min(w, h);
        var (top, left) = ((h - side) / 2, (w - side) / 2);
        var px = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var inside = y >= top && y < top + side && x >= left && x < left + side;
            var firstHalf = w >= h ? y - top < side / 2 : x - left < side / 2;
            var (r, g, bl) = !inside ? outside : firstHalf ? a : b;
            (px[(y * w + x) * 3], px[(y * w + x) * 3 + 1], px[(y * w + x) * 3 + 2]) = (r, g, bl);
        }
        return px;
    }

    private static (byte, byte, byte) PixelChw(byte[] chw, int size, int y, int x) =>
        (chw[y * size + x], chw[size * size + y * size + x], chw[2 * size * size + y * size + x]);

    private static void AssertNear((byte, byte, byte) expected, (byte, byte, byte) actual, int tolerance, string where)
    {
        Assert.True(Math.Abs(expected.Item1 - actual.Item1) <= tolerance
                    && Math.Abs(expected.Item2 - actual.Item2) <= tolerance
                    && Math.Abs(expected.Item3 - actual.Item3) <= tolerance,
            $"{where}: expected ≈{expected}, got {actual}");
    }

    [Fact]
    public void Decode_GreyPng_ReplicatesToThreeEqualChannels()
    {
        using var dir = new TempDir();
        var path = dir["grey.png"];
        var grey = GreyRamp(8, 6);
        Png.WriteGrey(path, grey, 8, 6);

        var rgb = ImageDecoder.Decode(path);
        Assert.Equal((8, 6), (rgb.Width, rgb.Height));
        Assert.Equal(8 * 6 * 3, rgb.Pixels.Length);
        for (var p = 0; p < grey.Length; p++)
        {
            Assert.Equal(grey[p], rgb.Pixels[3 * p]);
            Assert.Equal(grey[p], rgb.Pixels[3 * p + 1]);
            Assert.Equal(grey[p], rgb.Pixels[3 * p + 2]);
        }
    }

    [Fact]
    public void Decode_RgbaPng_DropsAlpha()
    {
        using var dir = new TempDir();
        var path = dir["rgba.png"];
        var rgba = new byte[4 * 4 * 4];
        for (var p = 0; p < 16; p++) (rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2], rgba[4 * p + 3]) = ((byte)p, 100, 200, 7);
        using (var s = File.Create(path)) new ImageWriter().WritePng(rgba, 4, 4, ColorComponents.RedGreenBlueAlpha, s);
        var rgb = ImageDecoder.Decode(path);
        Assert.Equal(48, rgb.Pixels.Length);
        Assert.Equal(new byte[] { 5, 100, 200 }, rgb.Pixels[15..18]);
    }

    [Theory]
    [InlineData("bmp", 0)]
    [InlineData("tga", 0)]
    [InlineData("jpg", 4)]
    public void Decode_OtherFormats(string format, int tolerance)
    {
        using var dir = new TempDir();
        var path = dir["img." + format];
        var px = CentreTwoTone(16, 16, (30, 60, 90), (30, 60, 90), (0, 0, 0));   // solid (30, 60, 90)
        using (var s = File.Create(path))
        {
            var writer = new ImageWriter();
            switch (format)
            {
                case "bmp": writer.WriteBmp(px, 16, 16, ColorComponents.RedGreenBlue, s); break;
                case "tga": writer.WriteTga(px, 16, 16, ColorComponents.RedGreenBlue, s); break;
                default: writer.WriteJpg(px, 16, 16, ColorComponents.RedGreenBlue, s, 95); break;
            }
        }
        var rgb = ImageDecoder.Decode(path);
        Assert.Equal((16, 16), (rgb.Width, rgb.Height));
        var centre = (8 * 16 + 8) * 3;
        AssertNear((30, 60, 90), (rgb.Pixels[centre], rgb.Pixels[centre + 1], rgb.Pixels[centre + 2]), tolerance, format);
    }

    [Fact]
    public void Decode_Garbage_IsInvalidDataNamingTheFile()
    {
        using var dir = new TempDir();
        var path = dir["bad.png"];
        File.WriteAllBytes(path, "\x89PNG but not really"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("could not be decoded as an image", e.Message);
    }

    /// <summary>The reason given for a truncated PNG must be readable text (no NULs or other control characters).</summary>
    [Fact]
    public void Decode_TruncatedPng_GivesAReadableReason()
    {
        using var dir = new TempDir();
        var path = dir["truncated.png"];
        var px = CentreTwoTone(16, 16, (1, 2, 3), (4, 5, 6), (7, 8, 9));
        Png.WriteRgb(path, px, 16, 16);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("could not be decoded as an image", e.Message);
        var bad = e.Message.Where(char.IsControl).Select(c => $"U+{(int)c:X4}").Distinct().ToArray();
        Assert.True(bad.Length == 0, $"message contains control characters {string.Join(", ", bad)}: {e.Message.Replace('\0', '·')}");
    }

    [Fact]
    public void Decode_MissingFile_IsFileNotFound()
    {
        using var dir = new TempDir();
        Assert.Throws<FileNotFoundException>(() => ImageDecoder.Decode(dir["missing.png"]));
    }

    [Fact]
    public void ToSquareChw_SameSize_IsAnExactTranspose()
    {
        var rgb = new byte[3 * 3 * 3];
        for (var i = 0; i < rgb.Length; i++) rgb[i] = (byte)i;
        var chw = ImageDecoder.ToSquareChw(new ImageDecoder.Rgb(rgb, 3, 3), 3);
        // HWC index (y*3+x)*3+c → CHW index c*9 + y*3+x
        byte[] expected = [0, 3, 6, 9, 12, 15, 18, 21, 24, 1, 4, 7, 10, 13, 16, 19, 22, 25, 2, 5, 8, 11, 14, 17, 20, 23, 26];
        Assert.Equal(expected, chw);
    }

    [Theory]
    [InlineData(40, 20)]   // wide: crop columns 10..29
    [InlineData(20, 40)]   // tall: crop rows 10..29
    [InlineData(41, 20)]   // odd excess: left offset 10
    public void ToSquareChw_NonSquare_CentreCropsThenResizes(int w, int h)
    {
        (byte, byte, byte) a = (0, 200, 0), b = (0, 0, 100), outside = (255, 0, 0);
        var image = new ImageDecoder.Rgb(CentreTwoTone(w, h, a, b, outside), w, h);
        const int size = 10;
        var chw = ImageDecoder.ToSquareChw(image, size);
        Assert.Equal(3 * size * size, chw.Length);
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var along = w >= h ? y : x;   // the axis along which the centre square is split in halves
            if (along is 4 or 5) continue; // boundary between the halves is blended
            var expected = along < 4 ? a : b;
            AssertNear(expected, PixelChw(chw, size, y, x), 1, $"{w}×{h} → ({y},{x})");
        }
    }

    [Fact]
    public void ToSquareChw_Upscales()
    {
        var image = new ImageDecoder.Rgb(CentreTwoTone(6, 4, (10, 20, 30), (10, 20, 30), (250, 250, 250)), 6, 4);
        var chw = ImageDecoder.ToSquareChw(image, 12);
        Assert.Equal(3 * 144, chw.Length);
        for (var y = 0; y < 12; y++)
        for (var x = 0; x < 12; x++)
            AssertNear((10, 20, 30), PixelChw(chw, 12, y, x), 1, $"({y},{x})");
    }

    [Fact]
    public void ImageSet_GreyImage_HasThreeEqualChannels()
    {
        using var tree = new DatasetTree(size: 16);
        var grey = GreyRamp(16, 16);
        tree.WriteGreyPng(tree.ImagePathOf(2), grey, 16, 16);
        var ds = PreparedDataset.Open(tree.Root);
        using var set = ds.Load(16);
        using var img = set.Images[1].contiguous();
        var chw = img.data<byte>().ToArray();
        Assert.Equal(grey, chw[..256]);
        Assert.Equal(grey, chw[256..512]);
        Assert.Equal(grey, chw[512..]);
    }

    [Fact]
    public void ImageSet_NonSquareImage_IsCentreCroppedAndResized()
    {
        using var tree = new DatasetTree(size: 16);
        (byte, byte, byte) a = (0, 200, 0), b = (0, 0, 100);
        Png.WriteRgb(tree.ImageFileOf(9), CentreTwoTone(48, 24, a, b, (255, 0, 0)), 48, 24);
        var ds = PreparedDataset.Open(tree.Root);
        using var set = ds.Load(12);
        Assert.Equal(new long[] { 9, 3, 12, 12 }, set.Images.shape);
        Assert.Equal(ScalarType.Byte, set.Images.dtype);
        using var img = set.Images[8].contiguous();
        var chw = img.data<byte>().ToArray();
        for (var x = 0; x < 12; x++)
        {
            AssertNear(a, PixelChw(chw, 12, 2, x), 1, $"top row 2, col {x}");
            AssertNear(b, PixelChw(chw, 12, 9, x), 1, $"bottom row 9, col {x}");
        }
        // No red from outside the centre square anywhere.
        Assert.All(chw[..144], v => Assert.Equal(0, v));
    }
}
