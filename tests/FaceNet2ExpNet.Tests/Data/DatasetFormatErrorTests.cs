using System.Text.Json.Nodes;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>
/// Every broken prepared dataset fails with a <see cref="DatasetFormatException"/> naming the file, the data row (1-based;
/// header = line 1, so data row N is line N+1) and what is wrong. The default tree has 9 rows:
/// row 1 S000/anger_0, 2 S000/happy_0, 3 S000/surprise_0, 4 S001/anger_0, … 9 S002/surprise_0; subject S00k in fold k.
/// </summary>
public class DatasetFormatErrorTests
{
    private static DatasetFormatException OpenFails(string root)
    {
        var e = Record.Exception(() => PreparedDataset.Open(root));
        Assert.NotNull(e);
        Assert.True(e is DatasetFormatException, $"expected DatasetFormatException, got {e.GetType().Name}: {e.Message}");
        return (DatasetFormatException)e;
    }

    private static string At(DatasetTree tree, int row) => $"{tree.ManifestPath} row {row} (line {row + 1})";

    // ---- folder, dataset.json ----

    [Fact]
    public void MissingFolder()
    {
        using var dir = new TempDir();
        var root = dir["nothing-here"];
        var e = OpenFails(root);
        Assert.StartsWith(root, e.Message);
        Assert.Contains("folder missing", e.Message);
    }

    [Fact]
    public void MissingDatasetJson()
    {
        using var tree = new DatasetTree();
        File.Delete(tree.InfoPath);
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.InfoPath, e.Message);
        Assert.Contains("not found", e.Message);
        Assert.Contains("dataset.json", e.Message);
    }

    [Theory]
    [InlineData("{ \"name\": \"tiny\", \"classes\": [\"a\", \"b\"")]   // truncated
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("{ \"name\": \"tiny\" }")]                                 // 'classes' is required
    [InlineData("{ \"name\": \"tiny\", \"classes\": [\"a\",\"b\"], \"protocol\": \"loso\" }")]
    [InlineData("{ \"name\": \"tiny\", \"classes\": [\"a\",\"b\"], \"folds\": \"three\" }")]
    public void MalformedDatasetJson_IsNotValid(string text)
    {
        using var tree = new DatasetTree();
        File.WriteAllText(tree.InfoPath, text);
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.InfoPath, e.Message);
        Assert.Contains("not valid dataset.json", e.Message);
    }

    [Fact]
    public void DatasetJsonNullLiteral_IsEmpty()
    {
        using var tree = new DatasetTree();
        File.WriteAllText(tree.InfoPath, "null");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.InfoPath, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [InlineData("[\"anger\"]")]
    [InlineData("[]")]
    [InlineData("null")]
    public void FewerThanTwoClasses(string classesJson)
    {
        using var tree = new DatasetTree();
        tree.EditInfoJson(o => o["classes"] = JsonNode.Parse(classesJson));
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.InfoPath, e.Message);
        Assert.Contains("'classes' must list at least 2 class names", e.Message);
    }

    [Fact]
    public void DuplicateClass()
    {
        using var tree = new DatasetTree();
        tree.EditInfoJson(o => o["classes"] = new JsonArray("anger", "happy", "surprise", "happy"));
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.InfoPath, e.Message);
        Assert.Contains("class 'happy' is listed twice", e.Message);
    }

    /// <summary>
    /// Labels match class names case-insensitively, so classes differing only in case are ambiguous: this must be a
    /// DatasetFormatException about dataset.json, not an ArgumentException from building the label dictionary.
    /// </summary>
    [Fact]
    public void ClassesDifferingOnlyInCase_AreAFormatError()
    {
        using var tree = new DatasetTree();
        tree.EditInfoJson(o => o["classes"] = new JsonArray("anger", "happy", "surprise", "Happy"));
        var e = OpenFails(tree.Root);
        Assert.Contains(tree.InfoPath, e.Message);
        Assert.Contains("happy", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("name", "\"\"", "'name' is empty")]
    [InlineData("name", "\"  \"", "'name' is empty")]
    [InlineData("folds", "1", "k-fold protocol needs 'folds' ≥ 2, got 1")]
    [InlineData("folds", "0", "'folds' must be at least 1, got 0")]
    [InlineData("imageSize", "4", "'imageSize' 4 is too small")]
    public void InvalidDatasetJsonValue(string property, string json, string expected)
    {
        using var tree = new DatasetTree();
        tree.EditInfoJson(o => o[property] = JsonNode.Parse(json));
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.InfoPath, e.Message);
        Assert.Contains(expected, e.Message);
    }

    // ---- manifest.csv: file level ----

    [Fact]
    public void MissingManifest()
    {
        using var tree = new DatasetTree();
        File.Delete(tree.ManifestPath);
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void EmptyManifest()
    {
        using var tree = new DatasetTree();
        File.WriteAllText(tree.ManifestPath, "");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.Contains("empty file", e.Message);
        Assert.Contains("path,label,subject,sequence,frame,fold", e.Message);
    }

    [Fact]
    public void HeaderOnlyManifest()
    {
        using var tree = new DatasetTree();
        File.WriteAllLines(tree.ManifestPath, [tree.Lines[0], ""]);
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.Contains("no images listed", e.Message);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("label")]
    [InlineData("subject")]
    [InlineData("sequence")]
    [InlineData("frame")]
    [InlineData("fold")]
    public void MissingColumn(string column)
    {
        using var tree = new DatasetTree();
        var header = string.Join(",", ManifestRow.Columns.Select(c => c == column ? "person" : c));
        tree.SetHeader(header);
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.Contains($"missing column '{column}'", e.Message);
        Assert.Contains($"header has: {header}", e.Message);
    }

    // ---- manifest.csv: rows ----

    [Fact]
    public void ImageFileMissing()
    {
        using var tree = new DatasetTree();
        Assert.Equal("images/S001/happy_0.png", tree.ImagePathOf(5));
        File.Delete(tree.ImageFileOf(5));
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 5), e.Message);
        Assert.Contains("image 'images/S001/happy_0.png' does not exist", e.Message);
    }

    [Fact]
    public void UnknownLabel_ListsTheClasses()
    {
        using var tree = new DatasetTree();
        tree.SetField(3, "label", "disgust");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 3), e.Message);
        Assert.Contains("label 'disgust' is not one of anger, happy, surprise", e.Message);
    }

    [Fact]
    public void NumericLabel_IsNotAClassName()
    {
        using var tree = new DatasetTree();
        tree.SetField(7, "label", "1");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 7), e.Message);
        Assert.Contains("label '1' is not one of anger, happy, surprise", e.Message);
    }

    [Fact]
    public void EmptyFold_KFold_NoTestImages()
    {
        using var tree = new DatasetTree();   // rows use folds 0..2
        tree.EditInfoJson(o => o["folds"] = 4);
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.Contains("fold 3 has no test images", e.Message);
    }

    [Fact]
    public void EmptyFold_KFold_NoTrainingImages()
    {
        using var tree = new DatasetTree();
        tree.EditInfoJson(o => o["folds"] = 2);
        for (var row = 1; row <= 9; row++) tree.SetField(row, "fold", "0");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.Contains("fold 0 has no training images", e.Message);
    }

    [Fact]
    public void EmptyFold_KFold_MiddleFoldUnused()
    {
        using var tree = new DatasetTree();
        foreach (var row in new[] { 4, 5, 6 }) tree.SetField(row, "fold", "2");   // S001 moved from fold 1 to fold 2
        var e = OpenFails(tree.Root);
        Assert.Contains("fold 1 has no test images", e.Message);
    }

    [Fact]
    public void EmptySplit_FixedSplits_NoTestImages()
    {
        using var tree = new DatasetTree(protocol: Protocol.Splits);
        for (var row = 1; row <= 9; row++)
            tree.SetField(row, "fold", tree.Row(row)[2] == "S000" ? "test/train/-" : "train/valid/train");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.Contains("fold 1 has no test images", e.Message);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("one")]
    [InlineData("")]
    [InlineData("1.0")]
    public void FoldIndexOutOfRange(string fold)
    {
        using var tree = new DatasetTree();
        tree.SetField(2, "fold", fold);
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 2), e.Message);
        Assert.Contains($"fold '{fold}' is not a fold index 0…2", e.Message);
    }

    [Fact]
    public void FixedSplits_WrongNumberOfRoles()
    {
        using var tree = new DatasetTree(protocol: Protocol.Splits);
        tree.SetField(8, "fold", "train/test");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 8), e.Message);
        Assert.Contains("fold 'train/test' must give one role", e.Message);
        Assert.Contains("each of the 3 splits", e.Message);
    }

    [Fact]
    public void FixedSplits_UnknownRole()
    {
        using var tree = new DatasetTree(protocol: Protocol.Splits);
        tree.SetField(4, "fold", "train/exam/test");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 4), e.Message);
        Assert.Contains("'exam' is not train, valid, test or -", e.Message);
    }

    [Fact]
    public void TooFewFields()
    {
        using var tree = new DatasetTree();
        tree.SetRowText(6, "images/S001/surprise_0.png,surprise,S001,002,0");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 6), e.Message);
        Assert.Contains("5 fields, the header has 6", e.Message);
    }

    [Fact]
    public void TooManyFields()
    {
        using var tree = new DatasetTree();
        tree.SetRowText(9, tree.Lines[9] + ",extra");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 9), e.Message);
        Assert.Contains("7 fields, the header has 6", e.Message);
    }

    [Fact]
    public void DuplicateImagePath()
    {
        using var tree = new DatasetTree();
        tree.SetField(4, "path", tree.ImagePathOf(1));
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 4), e.Message);
        Assert.Contains("image 'images/S000/anger_0.png' is listed twice", e.Message);
    }

    [Fact]
    public void EmptyPath()
    {
        using var tree = new DatasetTree();
        tree.SetField(2, "path", " ");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 2), e.Message);
        Assert.Contains("empty path", e.Message);
    }

    [Fact]
    public void EmptySubject()
    {
        using var tree = new DatasetTree();
        tree.SetField(5, "subject", "");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 5), e.Message);
        Assert.Contains("empty subject", e.Message);
    }

    [Fact]
    public void NonIntegerFrame()
    {
        using var tree = new DatasetTree();
        tree.SetField(3, "frame", "last");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 3), e.Message);
        Assert.Contains("frame 'last' is not an integer", e.Message);
    }

    [Fact]
    public void FirstBadRowIsReported()
    {
        using var tree = new DatasetTree();
        tree.SetField(6, "label", "disgust");
        tree.SetField(3, "label", "contempt");
        var e = OpenFails(tree.Root);
        Assert.StartsWith(At(tree, 3), e.Message);
        Assert.Contains("'contempt'", e.Message);
    }

    /// <summary>
    /// Blank lines are skipped by the manifest reader; the "line" an error points at must still be the file's line.
    /// Here the blank line is line 3, so the image of S000/happy_0 is on line 4.
    /// </summary>
    [Fact]
    public void ImageFileMissing_AfterBlankLine_PointsAtTheRightLine()
    {
        using var tree = new DatasetTree();
        var lines = tree.Lines.ToList();
        lines.Insert(2, "");
        File.WriteAllLines(tree.ManifestPath, lines);
        Assert.Equal("images/S000/happy_0.png", Csv.Split(lines[3])[0]);
        File.Delete(Path.Combine(tree.Root, "images/S000/happy_0.png"));
        var e = OpenFails(tree.Root);
        Assert.StartsWith(tree.ManifestPath, e.Message);
        Assert.True(e.Message.Contains("(line 4)"), $"expected '(line 4)' in: {e.Message}");
        Assert.Contains("images/S000/happy_0.png", e.Message);
    }

    [Fact]
    public void UnknownLabel_AfterBlankLine_PointsAtTheRightLine()
    {
        using var tree = new DatasetTree();
        var lines = tree.Lines.ToList();
        lines.Insert(2, "");
        lines[3] = lines[3].Replace(",happy,", ",disgust,");
        File.WriteAllLines(tree.ManifestPath, lines);
        var e = OpenFails(tree.Root);
        Assert.True(e.Message.Contains("(line 4)"), $"expected '(line 4)' in: {e.Message}");
        Assert.Contains("label 'disgust'", e.Message);
    }

    // ---- images that exist but do not decode: found by Load (ImageSet), still named by row and file ----

    private static DatasetFormatException LoadFails(PreparedDataset ds, int size, IReadOnlyList<int>? rows = null)
    {
        var e = Record.Exception(() => { using var set = ds.Load(size, rows); });
        Assert.NotNull(e);
        Assert.True(e is DatasetFormatException, $"expected DatasetFormatException, got {e.GetType().Name}: {e.Message}");
        return (DatasetFormatException)e;
    }

    [Fact]
    public void UndecodableImage_GarbageBytes()
    {
        using var tree = new DatasetTree();
        var file = tree.ImageFileOf(4);
        File.WriteAllBytes(file, "this is not a PNG file at all, just some text bytes"u8.ToArray());
        var ds = PreparedDataset.Open(tree.Root);   // existence is checked on open, decoding on load
        var e = LoadFails(ds, 8);
        Assert.StartsWith(At(tree, 4), e.Message);
        Assert.Contains(file, e.Message);
        Assert.Contains("could not be decoded", e.Message);
    }

    [Fact]
    public void UndecodableImage_TruncatedPng()
    {
        using var tree = new DatasetTree();
        var file = tree.ImageFileOf(7);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 3)]);
        var ds = PreparedDataset.Open(tree.Root);
        var e = LoadFails(ds, 8);
        Assert.StartsWith(At(tree, 7), e.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void UndecodableImage_EmptyFile()
    {
        using var tree = new DatasetTree();
        var file = tree.ImageFileOf(2);
        File.WriteAllBytes(file, []);
        var ds = PreparedDataset.Open(tree.Root);
        var e = LoadFails(ds, 8);
        Assert.StartsWith(At(tree, 2), e.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void UndecodableImage_InASubset_UsesTheManifestRow()
    {
        using var tree = new DatasetTree();
        var file = tree.ImageFileOf(8);   // S002 happy: in fold 2's test set, manifest index 7
        File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8]);
        var ds = PreparedDataset.Open(tree.Root);
        using (var ok = ds.Load(8, ds.Fold(1).Test)) Assert.Equal(3, ok.Count);   // does not touch the bad image
        var e = LoadFails(ds, 8, ds.Fold(2).Test);
        Assert.StartsWith(At(tree, 8), e.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void ImageDeletedAfterOpen_IsAFormatErrorOnLoad()
    {
        using var tree = new DatasetTree();
        var ds = PreparedDataset.Open(tree.Root);
        File.Delete(tree.ImageFileOf(6));
        var e = LoadFails(ds, 8);
        Assert.StartsWith(At(tree, 6), e.Message);
        Assert.Contains("surprise_0.png", e.Message);
    }

    [Fact]
    public void UndecodableImage_AfterBlankLine_PointsAtTheRightLine()
    {
        using var tree = new DatasetTree();
        var lines = tree.Lines.ToList();
        lines.Insert(2, "");
        File.WriteAllLines(tree.ManifestPath, lines);
        var file = Path.Combine(tree.Root, "images/S000/happy_0.png");   // now on line 4
        File.WriteAllBytes(file, "garbage"u8.ToArray());
        var ds = PreparedDataset.Open(tree.Root);
        var e = LoadFails(ds, 8);
        Assert.True(e.Message.Contains("(line 4)"), $"expected '(line 4)' in: {e.Message}");
        Assert.Contains(file, e.Message);
    }
    // ---- unlabelled faces (protocol "unlabelled") ----

    [Theory]
    [InlineData("classes", "[\"anger\", \"happy\"]", "protocol 'unlabelled' has no classes, but 'classes' lists 2")]
    [InlineData("folds", "3", "protocol 'unlabelled' has no folds ('folds' must be 0), got 3")]
    public void Unlabelled_DatasetJsonWithClassesOrFolds(string property, string json, string expected)
    {
        using var tree = new DatasetTree(protocol: Protocol.Unlabelled);
        tree.EditInfoJson(o => o[property] = JsonNode.Parse(json));
        var e = Assert.Throws<DatasetFormatException>(() => PreparedDataset.OpenAny(tree.Root));
        Assert.StartsWith(tree.InfoPath, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("label", "happy", "label 'happy' in an unlabelled dataset (protocol 'unlabelled'); leave the label empty")]
    [InlineData("fold", "2", "fold '2' in an unlabelled dataset, which has no folds")]
    public void Unlabelled_RowWithALabelOrAFold(string column, string value, string expected)
    {
        using var tree = new DatasetTree(protocol: Protocol.Unlabelled);
        tree.SetField(4, column, value);
        var e = Assert.Throws<DatasetFormatException>(() => PreparedDataset.OpenAny(tree.Root));
        Assert.StartsWith(At(tree, 4), e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unlabelled_OpensForItsFacesOnly()
    {
        using var tree = new DatasetTree(protocol: Protocol.Unlabelled);
        var faces = PreparedDataset.OpenAny(tree.Root);
        Assert.Equal((9, 0, 0), (faces.Rows.Count, faces.Classes.Count, faces.FoldCount));
        Assert.Empty(faces.ClassCounts());
        Assert.Empty(faces.UntrainableClasses());
        Assert.Null(faces.EmptyClasses());
        using var images = faces.Load(16);
        Assert.Equal(Enumerable.Repeat(-1L, 9), images.Labels.data<long>().ToArray());
        var e = OpenFails(tree.Root);   // as the dataset to train and test on
        Assert.Equal($"{tree.Root}: holds unlabelled faces (protocol 'unlabelled', from data-prep import unlabelled), which can be neither trained nor tested on; " +
                     "stage 1 can regress them beside a labelled dataset: --set stage1.unlabelled=tiny.", e.Message);
    }
}
