using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>Opening valid prepared datasets: rows, class counts, k-fold and fixed-split protocols, loading images.</summary>
public class PreparedDatasetTests
{
    private static int SubjectNumber(string subject) => int.Parse(subject[1..]);

    [Fact]
    public void Open_KFold_ReadsInfoRowsAndClassCounts()
    {
        using var dir = new TempDir();
        var created = TinyDataset.Create(dir["tiny"], subjects: 6, perSubjectPerClass: 4, size: 32, folds: 3);
        var ds = PreparedDataset.Open(dir["tiny"]);

        Assert.Equal("tiny", ds.Info.Name);
        Assert.Equal(["anger", "happy", "surprise"], ds.Classes);
        Assert.Equal(Protocol.KFold, ds.Info.Protocol);
        Assert.Equal(3, ds.FoldCount);
        Assert.Equal(32, ds.Info.ImageSize);
        Assert.Equal("tests: TinyDataset seed 1", ds.Info.Source);
        Assert.Equal(72, ds.Rows.Count);
        Assert.Equal(72, created.Rows.Count);
        Assert.Equal([24, 24, 24], ds.ClassCounts());

        // Rows come back in the order written, with labels as class indices.
        var r = ds.Rows[5];   // subject 0, class 1 (happy), image 1
        Assert.Equal("images/S000/happy_1.png", r.Path);
        Assert.Equal(1, r.Label);
        Assert.Equal("S000", r.Subject);
        Assert.Equal("001", r.Sequence);
        Assert.Equal(1, r.Frame);
        Assert.Equal(0, r.TestFold);
        Assert.Empty(r.Roles);
        Assert.Equal("0", r.FoldText);
        Assert.Equal(6, ds.Rows.Select(x => x.Subject).Distinct().Count());
    }

    [Fact]
    public void ClassCounts_FollowsClassOrder_WithUnevenClasses()
    {
        using var tree = new DatasetTree(subjects: 3, perSubjectPerClass: 2);   // 18 rows: 6 per class
        // Relabel two 'anger' rows (rows 1 and 2: S000 anger_0/_1) as 'surprise' (label text is case-insensitive).
        tree.SetField(1, "label", "SURPRISE");
        tree.SetField(2, "label", "surprise");
        var ds = PreparedDataset.Open(tree.Root);
        Assert.Equal([4, 6, 8], ds.ClassCounts());
        Assert.Equal(2, ds.Rows[0].Label);
    }

    [Fact]
    public void KFold_SplitsAreSubjectDisjoint_AndEveryRowIsTestInExactlyOneFold()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 6, perSubjectPerClass: 4, size: 16, folds: 3);
        var timesTest = new int[ds.Rows.Count];
        for (var k = 0; k < ds.FoldCount; k++)
        {
            var f = ds.Fold(k);
            Assert.Equal(k, f.Fold);
            Assert.Equal(24, f.Test.Length);     // 2 subjects × 12 images
            Assert.Equal(48, f.Train.Length);
            Assert.Empty(f.Valid);
            Assert.Equal(ds.Rows.Count, f.Train.Length + f.Test.Length);
            Assert.Empty(f.Train.Intersect(f.Test));

            var trainSubjects = f.Train.Select(i => ds.Rows[i].Subject).ToHashSet();
            var testSubjects = f.Test.Select(i => ds.Rows[i].Subject).ToHashSet();
            Assert.Empty(trainSubjects.Intersect(testSubjects));
            // TinyDataset puts subject s in fold s % 3.
            Assert.Equal(new[] { $"S{k:000}", $"S{k + 3:000}" }, testSubjects.Order());
            Assert.All(f.Test, i => Assert.Equal(k, ds.Rows[i].TestFold));
            foreach (var i in f.Test) timesTest[i]++;
        }
        Assert.All(timesTest, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Fold_OutOfRange_Throws()
    {
        using var tree = new DatasetTree();
        var ds = PreparedDataset.Open(tree.Root);
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.Fold(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.Fold(-1));
    }

    [Fact]
    public void FixedSplits_GiveTheRolesOfEachSplit()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 6, perSubjectPerClass: 2, size: 16, folds: 3, protocol: Protocol.Splits);
        var reopened = PreparedDataset.Open(dir["tiny"]);
        Assert.Equal(Protocol.Splits, reopened.Info.Protocol);
        Assert.Equal(3, reopened.FoldCount);

        // TinyDataset: subject s in split k is test if (s+k)%3==0, valid if 1, train if 2.
        var s0 = reopened.Rows.First(r => r.Subject == "S000");
        Assert.Equal([SplitRole.Test, SplitRole.Valid, SplitRole.Train], s0.Roles);
        Assert.Equal("test/valid/train", s0.FoldText);
        Assert.Equal(-1, s0.TestFold);
        Assert.Equal("train/test/valid", reopened.Rows.First(r => r.Subject == "S002").FoldText);

        for (var k = 0; k < 3; k++)
        {
            var f = reopened.Fold(k);
            Assert.Equal(12, f.Train.Length);   // 2 subjects × 3 classes × 2 images
            Assert.Equal(12, f.Valid.Length);
            Assert.Equal(12, f.Test.Length);
            Assert.All(f.Test, i => Assert.Equal(0, (SubjectNumber(reopened.Rows[i].Subject) + k) % 3));
            Assert.All(f.Valid, i => Assert.Equal(1, (SubjectNumber(reopened.Rows[i].Subject) + k) % 3));
            Assert.All(f.Train, i => Assert.Equal(2, (SubjectNumber(reopened.Rows[i].Subject) + k) % 3));
            Assert.All(f.Test, i => Assert.Equal(SplitRole.Test, reopened.Rows[i].Roles[k]));
        }
        Assert.Equal(ds.Rows.Select(r => r.FoldText), reopened.Rows.Select(r => r.FoldText));
    }

    [Fact]
    public void FixedSplits_AcceptValAndUnusedRoles_CaseInsensitively()
    {
        using var tree = new DatasetTree(subjects: 3, protocol: Protocol.Splits);
        // 9 rows; rewrite every row's roles by hand: S000 train, S001 test, S002 valid in split 0 and unused in 1, 2.
        for (var row = 1; row <= 9; row++)
        {
            var subject = tree.Row(row)[2];
            tree.SetField(row, "fold", subject switch
            {
                "S000" => "Train/train/TEST",
                "S001" => "test/Test/train",
                _ => "val/-/ ",
            });
        }
        var ds = PreparedDataset.Open(tree.Root);
        var f0 = ds.Fold(0);
        Assert.Equal(3, f0.Train.Length);
        Assert.Equal(3, f0.Valid.Length);
        Assert.Equal(3, f0.Test.Length);
        Assert.All(f0.Valid, i => Assert.Equal("S002", ds.Rows[i].Subject));
        var f1 = ds.Fold(1);
        Assert.Equal(6, f1.Train.Length + f1.Test.Length);   // S002 unused
        Assert.Empty(f1.Valid);
        Assert.DoesNotContain(f1.Train.Concat(f1.Test), i => ds.Rows[i].Subject == "S002");
        Assert.Equal([SplitRole.Valid, SplitRole.Unused, SplitRole.Unused], ds.Rows.First(r => r.Subject == "S002").Roles);
    }

    [Fact]
    public void Manifest_QuotedFieldsAndBomAndExtraColumns_AreRead()
    {
        using var tree = new DatasetTree();
        var lines = tree.Lines.ToList();
        // BOM + reordered header with an extra column; quoted fields with commas and quotes.
        lines[0] = "\uFEFFFold,Path,Label,note,Subject,Sequence,Frame";
        for (var row = 1; row < lines.Count; row++)
        {
            var f = Csv.Split(lines[row]);   // path,label,subject,sequence,frame,fold
            var subject = row == 1 ? "S,\"0\"" : f[2];
            lines[row] = Csv.Join([f[5], f[0], f[1], "free text, with comma", subject, f[3], f[4]]);
        }
        File.WriteAllLines(tree.ManifestPath, lines);
        var ds = PreparedDataset.Open(tree.Root);
        Assert.Equal(9, ds.Rows.Count);
        Assert.Equal("S,\"0\"", ds.Rows[0].Subject);
        Assert.Equal("images/S000/anger_0.png", ds.Rows[0].Path);
        Assert.Equal(0, ds.Rows[0].TestFold);
        Assert.Equal(2, ds.Rows[8].TestFold);
        Assert.Equal(2, ds.Rows[8].Label);
    }

    [Fact]
    public void Csv_SplitJoin_RoundTrip()
    {
        string[] fields = ["a", "b,c", "say \"hi\"", "", " x "];
        var line = Csv.Join(fields);
        Assert.Equal("a,\"b,c\",\"say \"\"hi\"\"\",, x ", line);
        Assert.Equal(fields, Csv.Split(line));
    }

    [Fact]
    public void DatasetInfo_WriteRead_RoundTrips()
    {
        using var dir = new TempDir();
        var info = new DatasetInfo
        {
            Name = "x", Classes = ["a", "b"], Protocol = Protocol.Splits, Folds = 5, ImageSize = 48,
            Source = "src", Normalisation = "norm",
        };
        var path = dir["dataset.json"];
        info.Write(path);
        var text = File.ReadAllText(path);
        Assert.Contains("\"protocol\": \"splits\"", text);
        Assert.Contains("\"imageSize\": 48", text);
        var back = DatasetInfo.Read(path);
        Assert.Equal(("x", Protocol.Splits, 5, 48, "src", "norm"), (back.Name, back.Protocol, back.Folds, back.ImageSize, back.Source, back.Normalisation));
        Assert.Equal(["a", "b"], back.Classes);
    }

    [Fact]
    public void Load_AtStoredSize_ReturnsExactPixelsAndLabels()
    {
        using var dir = new TempDir();
        const int size = 16;
        var ds = TinyDataset.Create(dir["tiny"], subjects: 2, perSubjectPerClass: 1, size: size, folds: 2, seed: 7);
        using var set = ds.Load(size);
        Assert.Equal(new long[] { 6, 3, size, size }, set.Images.shape);
        Assert.Equal(ScalarType.Byte, set.Images.dtype);
        Assert.Equal(size, set.Size);
        Assert.Equal(6, set.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], set.Rows);
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2 }, set.Labels.data<long>().ToArray());
        Assert.Equal(ds.Classes, set.Classes);

        // Replay TinyDataset's generator for subject 0 / class 0 (row 0) and compare every pixel (PNG is lossless).
        var rng = new Random(7);
        var tint = new[] { rng.Next(40, 120), rng.Next(40, 120), rng.Next(40, 120) };
        var hwc = TinyDataset.Draw(size, 0, 3, tint, rng);
        using var first = set.Images[0].contiguous();
        var chw = first.data<byte>().ToArray();
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var c = 0; c < 3; c++)
            Assert.Equal(hwc[(y * size + x) * 3 + c], chw[(c * size + y) * size + x]);
    }

    [Fact]
    public void Load_SmallerThanStored_GivesNx3xSizexSize_Bytes_AndKeepsTheSquare()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 3, perSubjectPerClass: 2, size: 32, folds: 3);
        using var set = ds.Load(16);
        Assert.Equal(new long[] { 18, 3, 16, 16 }, set.Images.shape);
        Assert.Equal(ScalarType.Byte, set.Images.dtype);
        // Class 0's bright (230) square is centred at (x≈24, y≈16) in the 32-px image → (12, 8) at 16 px.
        using var px = set.Images[0, .., 8, 12].contiguous();
        Assert.All(px.data<byte>().ToArray(), v => Assert.InRange(v, 220, 240));
    }

    [Fact]
    public void Load_SubsetOfRows_KeepsManifestRowIndices()
    {
        using var tree = new DatasetTree();
        var ds = PreparedDataset.Open(tree.Root);
        var test = ds.Fold(1).Test;   // subject S001 = rows 3, 4, 5
        Assert.Equal([3, 4, 5], test);
        using var set = ds.Load(8, test);
        Assert.Equal(new long[] { 3, 3, 8, 8 }, set.Images.shape);
        Assert.Equal([3, 4, 5], set.Rows);
        Assert.Equal(new long[] { 0, 1, 2 }, set.Labels.data<long>().ToArray());

        using var sub = set.Subset([2, 0]);
        Assert.Equal([5, 3], sub.Rows);
        Assert.Equal(new long[] { 2, 0 }, sub.Labels.data<long>().ToArray());
        using var eq = sub.Images[1].eq(set.Images[0]).all();
        Assert.True(eq.item<bool>());
    }

    [Fact]
    public void Load_ReportsProgress()
    {
        using var tree = new DatasetTree();
        var ds = PreparedDataset.Open(tree.Root);
        var messages = new List<string>();
        using var set = ds.Load(8, progress: new SyncProgress(messages));
        Assert.Contains("tiny: decoded 9/9 images", messages);
    }

    private sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) { lock (sink) sink.Add(value); }
    }
}
