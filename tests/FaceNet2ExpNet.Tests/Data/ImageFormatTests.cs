using System.Formats.Tar;
using System.IO.Compression;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Tests.Fixtures.Images;
using SkiaSharp;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>
/// Every format and variant people hold faces in decodes to the right upright pixels, recognised by content (the files
/// carry misleading or no extensions on purpose); EXIF/TIFF orientation is applied; what is not an image says what it is.
/// </summary>
public class ImageFormatTests
{
    private static readonly Pattern P = new();

    public static TheoryData<string, int, bool> Formats => new()
    {
        // name, tolerance, grey
        { "png-rgb8", 0, false }, { "png-rgb16", 0, false }, { "png-rgba", 0, false }, { "png-palette", 0, false },
        { "png-grey8", 0, true }, { "png-grey16", 0, true }, { "png-grey-alpha", 0, true },
        { "jpeg-ycbcr", 3, false }, { "jpeg-grey", 1, true }, { "jpeg-progressive", 3, false }, { "jpeg-cmyk", 3, false },
        { "jpeg-progressive-cmyk", 3, false }, { "jpeg-skia", 8, false },
        { "gif", 0, false }, { "bmp24", 0, false }, { "bmp8-palette", 0, false },
        { "tiff-rgb", 0, false }, { "tiff-rgb-lzw", 0, false }, { "tiff-palette", 0, false }, { "tiff-grey", 0, true }, { "tiff-cmyk", 0, false },
        { "webp-lossless", 0, false }, { "webp-lossy", 12, false },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Decodes_every_variant_by_content_whatever_the_extension(string name, int tolerance, bool grey)
    {
        using var dir = new TempDir();
        var path = dir["face.dat"];   // the extension says nothing
        SampleFiles.Write(name, path);
        var image = ImageDecoder.Decode(path);
        var error = P.MaxError(image, grey);
        Assert.True(error <= tolerance, $"{name}: max error {error} > {tolerance}");
    }

    [Theory]
    [InlineData("jpeg-ycbcr")]
    [InlineData("jpeg-progressive")]
    [InlineData("jpeg-skia")]
    [InlineData("png-rgb8")]
    [InlineData("tiff-rgb")]
    public void Applies_every_orientation_tag_before_anything_else(string name)
    {
        using var dir = new TempDir();
        for (var o = 1; o <= 8; o++)
        {
            var path = dir[$"o{o}"];
            SampleFiles.Write(name, path, o);
            var image = ImageDecoder.Decode(path);
            Assert.True((P.Width, P.Height) == (image.Width, image.Height), $"{name} orientation {o}: {image.Width}×{image.Height}");
            var error = P.MaxError(image);
            Assert.True(error <= 8, $"{name} orientation {o}: max error {error}");
        }
    }

    [Theory]
    [InlineData("png-rgb8")]
    [InlineData("jpeg-ycbcr")]
    [InlineData("jpeg-progressive")]
    [InlineData("gif")]
    [InlineData("tiff-rgb-lzw")]
    [InlineData("webp-lossy")]
    [InlineData("bmp24")]
    public void A_truncated_file_is_an_error_naming_it(string name)
    {
        using var dir = new TempDir();
        var path = dir["cut.png"];
        SampleFiles.Write(name, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path));
        Assert.StartsWith($"{path}: could not be decoded as an image (", e.Message);
        Assert.DoesNotContain(e.Message, char.IsControl);
    }

    [Fact]
    public void Archives_and_other_files_say_what_they_are()
    {
        using var dir = new TempDir();
        var zip = dir["faces.jpg"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create)) archive.CreateEntry("a.png");
        Assert.Contains("it is a zip archive, not an image: unpack it", Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(zip)).Message);

        var tar = dir["faces"];
        using (var stream = File.Create(tar))
        using (var writer = new TarWriter(stream)) writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "a.png"));
        Assert.Contains("it is a tar archive", Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(tar)).Message);

        var heic = dir["IMG_0001.jpg"];
        File.WriteAllBytes(heic, [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8]);
        Assert.Contains("HEIC/HEIF image: not a supported format; convert it to PNG or JPEG",
            Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(heic)).Message);

        var text = dir["notes.png"];
        File.WriteAllText(text, "emotion,pixels\n\u001b[31mred\n");
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(text));
        Assert.Contains("it is a text file, not a PNG, JPEG, GIF, BMP, TIFF or WebP image", e.Message);
    }

    [Fact]
    public void Prepared_datasets_load_their_images_upright_too()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 3, perSubjectPerClass: 1, size: 16);
        // A hand-made dataset may hold a phone JPEG under any name: it must load upright, as the importers store it.
        File.WriteAllBytes(Path.Combine(ds.Root, ds.Rows[0].Path), JpegFile.Write(P, JpegFile.Kind.YCbCr, exifOrientation: 6));
        using var set = PreparedDataset.Open(ds.Root).Load(16, [0]);
        using var image = set.Images[0].contiguous();
        var chw = image.data<byte>().ToArray();
        (int R, int G, int B) At(int y, int x) => (chw[y * 16 + x], chw[256 + y * 16 + x], chw[512 + y * 16 + x]);
        Assert.True(At(1, 1).R > 185 && At(1, 1).G < 45, $"top-left {At(1, 1)}");          // red
        Assert.True(At(14, 14).R > 175 && At(14, 14).G > 165, $"bottom-right {At(14, 14)}"); // yellow
    }

    [Fact]
    public void File_names_with_control_characters_are_escaped_in_messages()
    {
        using var dir = new TempDir();
        var path = dir["bad\u001b[2Jname.png"];
        File.WriteAllText(path, "x");
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path));
        Assert.DoesNotContain(e.Message, char.IsControl);
        Assert.Contains("bad\\x1B[2Jname.png", e.Message);
    }
}
