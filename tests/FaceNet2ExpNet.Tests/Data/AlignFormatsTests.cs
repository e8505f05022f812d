using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Tests.Fixtures.Images;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>`data-prep align` on what people hold: sideways phone photos, TIFFs, broken files, a re-run with other settings.</summary>
public class AlignFormatsTests
{
    private static readonly Pattern P = new();

    /// <summary>Top-left and bottom-right pixels of an aligned output: upright means red and yellow (the pattern's central square).</summary>
    private static void AssertUpright(string png)
    {
        var image = ImageDecoder.Decode(png);
        var (tl, br) = (image.Pixels[..3], image.Pixels[^3..]);
        Assert.True(tl[0] > 180 && tl[1] < 50 && br[0] > 170 && br[1] > 160 && br[2] < 60, $"{png}: {string.Join(",", tl)} / {string.Join(",", br)}");
    }

    [Fact]
    public void ExifRotatedPhotos_AndTiffs_AreAlignedUpright()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.WriteAllBytes(dir["in/phone.JPG"], JpegFile.Write(P, JpegFile.Kind.YCbCr, exifOrientation: 6));
        File.WriteAllBytes(dir["in/left.jpeg"], JpegFile.Write(P, JpegFile.Kind.YCbCr, exifOrientation: 8));
        TiffFile.Write(dir["in/jaffe/KA.AN1.39.tiff"], P, TiffFile.Kind.Palette);
        TiffFile.Write(dir["in/jaffe/KA.HA1.29.tif"], P, TiffFile.Kind.Rgb, orientation: 6, lzw: true);
        var r = AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 32, force: false, TextWriter.Null);
        Assert.Equal((4, 0, 0, 0), (r.Aligned, r.Skipped, r.NoFace.Count, r.Undecodable.Count));
        foreach (var png in new[] { "phone.png", "left.png", "jaffe/KA.AN1.39.png", "jaffe/KA.HA1.29.png" }) AssertUpright(dir["out/" + png]);
    }

    [Fact]
    public void UndecodableFiles_AreListed_AndNothingUsableIsAnError()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.WriteAllBytes(dir["in/good.png"], PngFile.Write(P, PngFile.Kind.Rgb));
        File.WriteAllText(dir["in/broken.jpg"], "not a jpeg");
        File.WriteAllBytes(dir["in/IMG_0001.HEIC"], [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0]);
        File.WriteAllText(dir["in/readme.txt"], "notes");
        var r = AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 32, force: false, TextWriter.Null);
        Assert.Equal(1, r.Aligned);
        Assert.Equal(2, r.Undecodable.Count);
        var listed = File.ReadAllLines(dir["out/not-aligned.txt"]);
        Assert.Contains(listed, l => l.StartsWith("IMG_0001.HEIC: could not be decoded as an image (HEIC/HEIF image: not a supported format"));
        Assert.Contains(listed, l => l.StartsWith("broken.jpg: could not be decoded as an image (it is a text file"));

        File.Delete(dir["in/good.png"]);
        var e = Assert.Throws<InvalidDataException>(() => AlignCommand.Run(dir["in"], dir["out2"], new CentreCropAligner(), 32, force: false, TextWriter.Null));
        Assert.Contains("nothing usable: none of its 2 image files could be aligned (2 could not be decoded, 0 without a face", e.Message);

        Directory.Delete(dir["in"], recursive: true);
        Directory.CreateDirectory(dir["in"]);
        File.WriteAllText(dir["in/readme.txt"], "notes");
        Assert.Contains("no image files in it or below", Assert.Throws<InvalidDataException>(
            () => AlignCommand.Run(dir["in"], dir["out3"], new CentreCropAligner(), 32, force: false, TextWriter.Null)).Message);
    }

    [Fact]
    public void OutputMadeWithOtherSettings_IsRefusedWithoutForce_AndForceRealignsEverything()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.WriteAllBytes(dir["in/a.png"], PngFile.Write(P, PngFile.Kind.Rgb));
        AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 32, force: false, TextWriter.Null);
        var record = File.ReadAllText(dir["out/alignment.txt"]);

        var e = Assert.Throws<InvalidDataException>(() => AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 64, force: false, TextWriter.Null));
        Assert.Contains("holds faces aligned with other settings", e.Message);
        Assert.Contains("size 32", e.Message);
        Assert.Contains("size 64", e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Equal(record, File.ReadAllText(dir["out/alignment.txt"]));   // nothing rewritten
        Assert.Equal(32, ImageDecoder.Decode(dir["out/a.png"]).Width);

        var same = AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 32, force: false, TextWriter.Null);
        Assert.Equal((0, 1), (same.Aligned, same.Skipped));   // same settings: resumes

        var forced = AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 64, force: true, TextWriter.Null);
        Assert.Equal(1, forced.Aligned);
        Assert.Equal(64, ImageDecoder.Decode(dir["out/a.png"]).Width);
        Assert.Contains("size 64", File.ReadAllText(dir["out/alignment.txt"]));
    }

    [Fact]
    public void AnOutputWhoseEarlierRunAlignedNothing_TakesOtherSettings()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.WriteAllText(dir["in/a.png"], "not a png");
        Assert.Throws<InvalidDataException>(() => AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 64, force: false, TextWriter.Null));
        File.WriteAllBytes(dir["in/a.png"], PngFile.Write(P, PngFile.Kind.Rgb));
        // Before: refused, "holds faces aligned with other settings", though it held none.
        var r = AlignCommand.Run(dir["in"], dir["out"], new CentreCropAligner(), 32, force: false, TextWriter.Null);
        Assert.Equal(1, r.Aligned);
        Assert.Contains("size 32", File.ReadAllText(dir["out/alignment.txt"]));
    }

    [Fact]
    public void AnArchiveAsInput_SaysUnpackIt()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["x.txt"], "x");
        Archives.Write(dir["faces.zip"], "zip", dir["x.txt"]);
        var e = Assert.Throws<InvalidDataException>(() => AlignCommand.Run(dir["faces.zip"], dir["out"], new CentreCropAligner(), 32, force: false, TextWriter.Null));
        Assert.Contains("is a zip archive, not a folder: unpack it and point at", e.Message);
    }
}
