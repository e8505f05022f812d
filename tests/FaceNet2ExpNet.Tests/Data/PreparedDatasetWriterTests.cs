using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>The writer stages into a temporary folder and moves the dataset into place only when it validates.</summary>
public class PreparedDatasetWriterTests
{
    private static DatasetInfo Info(string name = "w", int folds = 2, params string[] classes) => new()
    {
        Name = name, Classes = classes.Length > 0 ? classes : ["neutral", "smile"], Folds = folds, ImageSize = 8,
    };

    private static byte[] Solid(int size, byte r, byte g, byte b)
    {
        var px = new byte[size * size * 3];
        for (var i = 0; i < size * size; i++) (px[3 * i], px[3 * i + 1], px[3 * i + 2]) = (r, g, b);
        return px;
    }

    /// <summary>Two subjects × two classes, k-fold with 2 folds: a valid dataset.</summary>
    private static void AddValidContent(PreparedDatasetWriter w, byte shade = 50)
    {
        for (var s = 0; s < 2; s++)
        foreach (var label in new[] { "neutral", "smile" })
        {
            var path = $"images/s{s}/{label}.png";
            w.WritePng(path, Solid(8, shade, (byte)(shade + s), (byte)(label == "smile" ? 200 : 0)), 8, 8);
            w.AddRow(path, label, $"s{s}", "seq", 0, s.ToString());
        }
    }

    /// <summary>Entries next to the destination whose names start with the destination's name.</summary>
    private static string[] Siblings(string root) =>
        Directory.GetFileSystemEntries(Path.GetDirectoryName(root)!, Path.GetFileName(root) + "*")
            .Select(p => Path.GetFileName(p)!).Order().ToArray();

    [Fact]
    public void Commit_Valid_MovesIntoPlace_AndLeavesNoStaging()
    {
        using var dir = new TempDir();
        var root = dir["data/w"];   // parent does not exist yet
        PreparedDataset committed;
        using (var w = new PreparedDatasetWriter(root, Info()))
        {
            Assert.StartsWith(Path.GetFullPath(root) + ".partial-", w.Staging);
            Assert.True(Directory.Exists(w.Staging));
            Assert.False(Directory.Exists(root));
            AddValidContent(w);
            committed = w.Commit();
        }
        Assert.Equal(Path.GetFullPath(root), committed.Root);
        Assert.Equal(4, committed.Rows.Count);
        Assert.Equal(["w"], Siblings(root));
        Assert.True(File.Exists(Path.Combine(root, "images/s1/smile.png")));
        Assert.Equal("path,label,subject,sequence,frame,fold", File.ReadLines(Path.Combine(root, "manifest.csv")).First());

        var reopened = PreparedDataset.Open(root);
        Assert.Equal([2, 2], reopened.ClassCounts());
        using var set = reopened.Load(8);
        using var px = set.Images[3, .., 0, 0].contiguous();   // s1 smile: (50, 51, 200)
        Assert.Equal(new byte[] { 50, 51, 200 }, px.data<byte>().ToArray());
    }

    [Fact]
    public void Commit_UnknownLabel_Throws_AndLeavesNothing()
    {
        using var dir = new TempDir();
        var root = dir["w"];
        using (var w = new PreparedDatasetWriter(root, Info()))
        {
            AddValidContent(w);
            w.WritePng("images/s1/angry.png", Solid(8, 1, 2, 3), 8, 8);
            w.AddRow("images/s1/angry.png", "angry", "s1", "seq", 0, "1");
            var e = Assert.Throws<DatasetFormatException>(() => w.Commit());
            Assert.Contains("manifest.csv row 5 (line 6)", e.Message);
            Assert.Contains("label 'angry' is not one of neutral, smile", e.Message);
            Assert.False(Directory.Exists(root));
        }
        Assert.False(Directory.Exists(root));
        Assert.Empty(Siblings(root));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Commit_EmptyFold_Throws_AndLeavesNothing()
    {
        using var dir = new TempDir();
        var root = dir["w"];
        using (var w = new PreparedDatasetWriter(root, Info(folds: 3)))
        {
            AddValidContent(w);   // uses folds 0 and 1 only
            var e = Assert.Throws<DatasetFormatException>(() => w.Commit());
            Assert.Contains("fold 2 has no test images", e.Message);
        }
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Commit_RowWithoutImage_Throws_AndLeavesNothing()
    {
        using var dir = new TempDir();
        var root = dir["w"];
        using (var w = new PreparedDatasetWriter(root, Info()))
        {
            AddValidContent(w);
            w.AddRow("images/never-written.png", "smile", "s0", "seq", 1, "0");
            var e = Assert.Throws<DatasetFormatException>(() => w.Commit());
            Assert.Contains("row 5 (line 6): image 'images/never-written.png' does not exist", e.Message);
        }
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Dispose_WithoutCommit_RemovesStaging()
    {
        using var dir = new TempDir();
        var root = dir["w"];
        string staging;
        using (var w = new PreparedDatasetWriter(root, Info()))
        {
            AddValidContent(w);
            staging = w.Staging;
            Assert.True(File.Exists(Path.Combine(staging, "images/s0/neutral.png")));
        }
        Assert.False(Directory.Exists(staging));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Commit_ReplacesAnOlderDataset()
    {
        using var dir = new TempDir();
        var root = dir["tiny"];
        TinyDataset.Create(root, subjects: 3, perSubjectPerClass: 1, size: 16, folds: 3);
        Assert.True(File.Exists(Path.Combine(root, "images/S000/surprise_0.png")));

        using (var w = new PreparedDatasetWriter(root, Info(name: "newer")))
        {
            AddValidContent(w, shade: 90);
            w.Commit();
        }
        var ds = PreparedDataset.Open(root);
        Assert.Equal("newer", ds.Info.Name);
        Assert.Equal(["neutral", "smile"], ds.Classes);
        Assert.Equal(4, ds.Rows.Count);
        Assert.False(Directory.Exists(Path.Combine(root, "images/S000")));   // nothing of the old dataset survives
        Assert.Equal(["tiny"], Siblings(root));                               // no .old-* or .partial-* left
    }

    [Fact]
    public void FailedCommit_KeepsTheOlderDataset()
    {
        using var dir = new TempDir();
        var root = dir["tiny"];
        TinyDataset.Create(root, subjects: 3, perSubjectPerClass: 1, size: 16, folds: 3);
        var before = File.ReadAllText(Path.Combine(root, "manifest.csv"));

        using (var w = new PreparedDatasetWriter(root, Info(name: "broken")))
        {
            AddValidContent(w);
            w.AddRow("images/s0/neutral.png", "neutral", "s0", "seq", 0, "0");   // duplicate path
            Assert.Throws<DatasetFormatException>(() => w.Commit());
        }
        var ds = PreparedDataset.Open(root);
        Assert.Equal("tiny", ds.Info.Name);
        Assert.Equal(9, ds.Rows.Count);
        Assert.Equal(before, File.ReadAllText(Path.Combine(root, "manifest.csv")));
        Assert.Equal(["tiny"], Siblings(root));
    }

    [Fact]
    public void AddRow_QuotesFieldsWithCommas()
    {
        using var dir = new TempDir();
        var root = dir["w"];
        using (var w = new PreparedDatasetWriter(root, Info()))
        {
            AddValidContent(w);
            w.WritePng("images/a,b.png", Solid(8, 0, 0, 0), 8, 8);
            w.AddRow("images/a,b.png", "smile", "s0", "seq \"x\", 2", 7, "0");
            w.Commit();
        }
        var ds = PreparedDataset.Open(root);
        var last = ds.Rows[^1];
        Assert.Equal("images/a,b.png", last.Path);
        Assert.Equal("seq \"x\", 2", last.Sequence);
        Assert.Equal(7, last.Frame);
        Assert.Equal(1, last.Label);
    }

    [Fact]
    public void AddRow_FieldWithAControlCharacter_IsRefused_NotARowSplitInTwo()
    {
        using var dir = new TempDir();
        using var w = new PreparedDatasetWriter(dir["w"], Info());
        AddValidContent(w);
        var e = Assert.Throws<InvalidDataException>(() => w.AddRow("images/a\nb.png", "smile", "s0", "", 0, "0"));
        Assert.Contains("manifest row of images/a\\nb.png", e.Message);
        Assert.Contains("holds control characters", e.Message);
        Assert.Throws<InvalidDataException>(() => w.AddRow("images/c.png", "smile", "s\u001b[31m", "", 0, "0"));
    }

    [Fact]
    public void FixedSplits_FoldTextIsStoredAsGiven()
    {
        using var dir = new TempDir();
        var root = dir["w"];
        var info = new DatasetInfo { Name = "s", Classes = ["a", "b"], Protocol = Protocol.Splits, Folds = 2, ImageSize = 8 };
        using (var w = new PreparedDatasetWriter(root, info))
        {
            string[] folds = ["train/test", "test/train", "valid/-", "train/train"];
            for (var i = 0; i < folds.Length; i++)
            {
                w.WritePng($"images/{i}.png", Solid(8, 9, 9, 9), 8, 8);
                w.AddRow($"images/{i}.png", i % 2 == 0 ? "a" : "b", $"s{i}", "", i, folds[i]);
            }
            w.Commit();
        }
        var ds = PreparedDataset.Open(root);
        Assert.Equal(["train/test", "test/train", "valid/-", "train/train"], ds.Rows.Select(r => r.FoldText));
        Assert.Equal([0, 3], ds.Fold(0).Train);
        Assert.Equal([2], ds.Fold(0).Valid);
        Assert.Equal([1], ds.Fold(0).Test);
        Assert.Equal([1, 3], ds.Fold(1).Train);
        Assert.Empty(ds.Fold(1).Valid);
        Assert.Equal([0], ds.Fold(1).Test);
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("images/../../escape.png")]
    [InlineData("/tmp/absolute.png")]
    public void WritePng_RejectsPathsOutsideTheDataset(string path)
    {
        using var dir = new TempDir();
        using var w = new PreparedDatasetWriter(dir["w"], Info());
        Assert.Throws<ArgumentException>(() => w.WritePng(path, Solid(8, 0, 0, 0), 8, 8));
        Assert.Throws<ArgumentException>(() => w.WriteBytes(path, [1, 2, 3]));
    }

    [Fact]
    public void WriteBytes_StoresTheBytesVerbatim()
    {
        using var dir = new TempDir();
        var source = dir["src.png"];
        Png.WriteRgb(source, Solid(8, 10, 20, 30), 8, 8);
        var bytes = File.ReadAllBytes(source);
        var root = dir["w"];
        using (var w = new PreparedDatasetWriter(root, Info()))
        {
            AddValidContent(w);
            w.WriteBytes("images/copied/x.png", bytes);
            w.AddRow("images/copied/x.png", "neutral", "s1", "", 0, "1");
            w.Commit();
        }
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(root, "images/copied/x.png")));
        using var set = PreparedDataset.Open(root).Load(8, [4]);
        using var px = set.Images[0, .., 4, 4].contiguous();
        Assert.Equal(new byte[] { 10, 20, 30 }, px.data<byte>().ToArray());
    }
}
