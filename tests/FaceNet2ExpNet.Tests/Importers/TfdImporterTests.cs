using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>TFD_48x48.mat → tfd: labelled rows only, labs_ex → 7 classes, the file's 5 folds as train/valid/test roles, pixels unscrambled.</summary>
public class TfdImporterTests
{
    private static PreparedDataset Import(string source, string data, int size = TfdFile.Side) =>
        TfdImporter.Import(new ImportOptions(source, data) { ImageSize = size }).Datasets.Single();

    [Theory]
    [InlineData(TfdFile.Format.V7)]
    [InlineData(TfdFile.Format.V6)]
    [InlineData(TfdFile.Format.V73)]
    public void LabelledRows_SevenClasses_FiveFolds(TfdFile.Format format)
    {
        using var tfd = new TfdFile(format);
        var ds = Import(tfd.Folder, tfd.Data);   // a folder: TFD_48x48.mat is found in it
        Assert.Equal("tfd", ds.Info.Name);
        Assert.Equal(["anger", "disgust", "fear", "happy", "sadness", "surprise", "neutral"], ds.Classes);
        Assert.Equal(18, ds.Rows.Count);                       // 24 − 5 unlabelled − 1 in no fold
        Assert.Equal([4, 3, 2, 1, 3, 3, 2], ds.ClassCounts());
        Assert.Equal(Protocol.Splits, ds.Info.Protocol);
        Assert.Equal(5, ds.FoldCount);
        var split0 = ds.Fold(0);
        Assert.Equal((12, 4, 2), (split0.Train.Length, split0.Valid.Length, split0.Test.Length));
        Assert.Equal(5, ds.Info.Extra!["unlabelledImagesSkipped"].GetInt32());
        Assert.Equal(1, ds.Info.Extra!["labelledImagesInNoFoldSkipped"].GetInt32());
        foreach (var r in ds.Rows)
        {
            var n = int.Parse(Path.GetFileNameWithoutExtension(r.Path)) - 1;   // images/000001.png = MATLAB row 1
            Assert.Equal(ExpressionNames.Basic7[(int)TfdFile.Label(n) - 1], ds.Classes[r.Label]);
            Assert.Equal($"{100 + n / 3}", r.Subject);
            Assert.Equal(Enumerable.Range(0, 5).Select(k => TfdFile.Fold(n, k) switch { 1 => SplitRole.Train, 2 => SplitRole.Valid, _ => SplitRole.Test }), r.Roles);
        }
    }

    [Theory]
    [InlineData(TfdFile.Format.V7)]
    [InlineData(TfdFile.Format.V73)]
    public void Pixels_AreRowMajorGreyReplicated_NotTransposed(TfdFile.Format format)
    {
        using var tfd = new TfdFile(format);
        var ds = Import(tfd.Path48, tfd.Data);
        var row = ds.Rows.First(r => r.Path == "images/000018.png");
        var image = ImageDecoder.Decode(Path.Combine(ds.Root, row.Path));
        Assert.Equal((8, 8), (image.Width, image.Height));
        for (var y = 0; y < 8; y++)
        for (var x = 0; x < 8; x++)
        {
            var p = 3 * (y * 8 + x);
            Assert.Equal(TfdFile.Pixel(17, y, x), image.Pixels[p]);
            Assert.Equal(image.Pixels[p], image.Pixels[p + 1]);
            Assert.Equal(image.Pixels[p], image.Pixels[p + 2]);
        }
    }

    [Fact]
    public void PrefersThe96x96File_WhenTheFolderHoldsBoth()
    {
        using var tfd = new TfdFile();
        var p96 = Path.Combine(tfd.Folder, "TFD_96x96.mat");
        File.Copy(tfd.Path48, p96);
        Assert.Equal(p96, TfdImporter.Locate(tfd.Folder));
    }

    [Theory]
    [InlineData(TfdFile.Format.V7)]
    [InlineData(TfdFile.Format.V73)]
    public void TruncatedFile_NamesIt_AndLeavesNothing(TfdFile.Format format)
    {
        using var tfd = new TfdFile(format);
        var bytes = File.ReadAllBytes(tfd.Path48);
        File.WriteAllBytes(tfd.Path48, bytes[..(bytes.Length - 40)]);
        var e = Assert.Throws<InvalidDataException>(() => Import(tfd.Path48, tfd.Data));
        Assert.Contains(tfd.Path48, e.Message);
        Assert.Contains(format == TfdFile.Format.V73 ? "not a readable MATLAB v7.3 (HDF5) MAT-file" : "truncated", e.Message);
        Assert.Empty(SourceImages.Entries(tfd.Data));
    }

    [Fact]
    public void MissingLabelVariable_NamesTheFileAndWhatItHas()
    {
        using var tfd = new TfdFile();
        MatWriter.Write(tfd.Path48, true, MatWriter.UInt8("images", [1, 8, 8], new byte[64]), MatWriter.UInt8("folds", [1, 5], new byte[5]));
        var e = Assert.Throws<InvalidDataException>(() => Import(tfd.Path48, tfd.Data));
        Assert.Contains(tfd.Path48, e.Message);
        Assert.Contains("no variable 'labs_ex' (the file has: images, folds)", e.Message);
        Assert.Empty(SourceImages.Entries(tfd.Data));
    }

    [Fact]
    public void WrongFolder_NamesIt()
    {
        using var tfd = new TfdFile();
        var empty = Path.Combine(tfd.Folder, "elsewhere");
        Directory.CreateDirectory(empty);
        var e = Assert.Throws<FileNotFoundException>(() => Import(empty, tfd.Data));
        Assert.Contains(empty, e.Message);
        Assert.Contains("TFD_96x96.mat", e.Message);
        Assert.Empty(SourceImages.Entries(tfd.Data));
    }

    [Fact]
    public void BadFoldCode_NamesRowAndColumn()
    {
        using var tfd = new TfdFile();
        var folds = new byte[TfdFile.N * 5];
        folds[1 + TfdFile.N * 3] = 7;   // row 2, column 4
        MatWriter.Write(tfd.Path48, true,
            MatWriter.UInt8("images", [TfdFile.N, 8, 8], new byte[TfdFile.N * 64]),
            MatWriter.Double("labs_ex", [TfdFile.N, 1], [.. Enumerable.Repeat(1.0, TfdFile.N)]),
            MatWriter.Double("labs_id", [TfdFile.N, 1], [.. Enumerable.Repeat(1.0, TfdFile.N)]),
            MatWriter.UInt8("folds", [TfdFile.N, 5], folds));
        var e = Assert.Throws<InvalidDataException>(() => Import(tfd.Path48, tfd.Data));
        Assert.Contains($"{tfd.Path48}: folds row 2 column 4 is 7", e.Message);
    }
}
