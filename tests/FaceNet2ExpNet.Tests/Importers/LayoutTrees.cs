using FaceNet2ExpNet.Tests.Fixtures.Images;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// Tiny generated copies of the layouts people hold the datasets in (never the data itself): Kaggle's CK+48, Kaggle's
/// FER2013 image folders, a researcher's own folder-per-class set in every format, SFEW's nested Val folder,
/// Oulu-CASIA's face crops, the FER2013 challenge folder and FER+ vote counts.
/// </summary>
public static class LayoutTrees
{
    public static readonly string[] Ck48Classes = ["anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise"];

    /// <summary>
    /// CK+48: one folder per class, S010_004_00000017.png (48×48 grey), no neutral; 12 subjects; subject i has one
    /// sequence of class i mod 7 with its last 3 frames; the grey value is 10 + 5·subject index.
    /// </summary>
    public static void Ck48(string root)
    {
        for (var s = 0; s < 12; s++)
        {
            var subject = $"S{5 + 7 * s:000}";
            for (var k = 15; k <= 17; k++)
                SourceImages.Write(Path.Combine(root, Ck48Classes[s % 7], $"{subject}_{s % 3 + 1:000}_{k:00000000}.png"), (byte)(10 + 5 * s), 0, 0, grey: true, width: 48, height: 48);
        }
    }

    public static readonly string[] Fer2013Folders = ["angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"];

    /// <summary>Kaggle's FER2013 image folders: train/ and test/ × lower-case class folders, Training_n.jpg / PrivateTest_n.jpg, 48×48 grey JPEG.</summary>
    public static void Fer2013ImageFolders(string root)
    {
        var n = 0;
        foreach (var (split, prefix, count) in new[] { ("train", "Training", 3), ("test", "PrivateTest", 1) })
        for (var c = 0; c < Fer2013Folders.Length; c++)
        for (var i = 0; i < count; i++, n++)
            SourceImages.Write(Path.Combine(root, split, Fer2013Folders[c], $"{prefix}_{1000 + 37 * n}.jpg"), (byte)(20 * c + 10), 0, 0, grey: true, width: 48, height: 48);
    }

    /// <summary>
    /// A researcher's own set: Happy/, Angry/, Surprised/ holding p01…p04 photos in every format — a sideways phone JPEG
    /// (EXIF 6), a palette TIFF, a WebP, a GIF, a PNG without extension, a progressive CMYK JPEG — plus a truncated JPEG
    /// and a notes.txt. Returns the truncated file.
    /// </summary>
    public static string OwnSet(string root)
    {
        var p = new Pattern();
        string[] classes = ["Happy", "Angry", "Surprised"];
        for (var c = 0; c < classes.Length; c++)
        for (var s = 1; s <= 4; s++)
        {
            var folder = Path.Combine(root, classes[c]);
            Directory.CreateDirectory(folder);
            var stem = Path.Combine(folder, $"p{s:00}_photo{c}");
            switch ((s + c) % 6)
            {
                case 0: File.WriteAllBytes(stem + ".JPG", JpegFile.Write(p, JpegFile.Kind.YCbCr, exifOrientation: 6)); break;
                case 1: TiffFile.Write(stem + ".tif", p, TiffFile.Kind.Palette); break;
                case 2: SampleFiles.Write("webp-lossless", stem + ".webp"); break;
                case 3: File.WriteAllBytes(stem + ".gif", GifBmpFile.Gif(p)); break;
                case 4: File.WriteAllBytes(stem, PngFile.Write(p, PngFile.Kind.Palette)); break;
                default: File.WriteAllBytes(stem + ".jpeg", JpegFile.Write(p, JpegFile.Kind.Cmyk, progressive: true)); break;
            }
        }
        File.WriteAllText(Path.Combine(root, "Happy", "notes.txt"), "taken 2024-05-01");
        var bad = Path.Combine(root, "Angry", "p05_photo1.jpg");
        var jpeg = JpegFile.Write(p, JpegFile.Kind.YCbCr);
        File.WriteAllBytes(bad, jpeg[..(jpeg.Length / 2)]);
        return bad;
    }
}
