using System.CommandLine;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>`data-prep check FOLDER`: exit 0 and counts on a good tree; exit 2 and one error line naming the problem on a bad one.</summary>
[Collection("Console")]
public class CheckCommandTests
{
    private static (int Code, string Out, string Err) Check(params string[] args) => DataPrepCli.Run(CheckCommand.Create(), args);

    [Fact]
    public void GoodTree_ExitsZero_AndPrintsCounts()
    {
        using var tree = new DatasetTree();
        var (code, stdout, stderr) = Check(tree.Root);
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Equal("", stderr);
        Assert.Contains("tiny: 9 images, 3 subjects, 3 classes, protocol KFold (3 folds), 16px", stdout);
        Assert.Contains("anger 3  happy 3  surprise 3", stdout);
        for (var k = 0; k < 3; k++) Assert.Contains($"fold {k}: train 6, valid 0, test 3", stdout);
    }

    [Fact]
    public void GoodSplitsTree_ExitsZero()
    {
        using var tree = new DatasetTree(protocol: Protocol.Splits);
        var (code, stdout, stderr) = Check(tree.Root);
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Contains("protocol Splits (3 splits)", stdout);
        Assert.Contains("fold 1: train 3, valid 3, test 3", stdout);
    }

    [Fact]
    public void Describe_ListsClassAndFoldCounts()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 4, perSubjectPerClass: 2, size: 16, folds: 2);
        var lines = CheckCommand.Describe(ds).Split(Environment.NewLine);
        Assert.Equal(
        [
            "tiny: 24 images, 4 subjects, 3 classes, protocol KFold (2 folds), 16px",
            "  anger 8  happy 8  surprise 8",
            "  fold 0: train 12, valid 0, test 12",
            "  fold 1: train 12, valid 0, test 12",
        ], lines);
    }

    private static void AssertFailsWith(DatasetTree tree, params string[] expected)
    {
        var (code, stdout, stderr) = Check(tree.Root);
        Assert.True(code == 2, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.StartsWith("data-prep: error: ", stderr);
        foreach (var e in expected) Assert.Contains(e, stderr);
    }

    [Fact]
    public void UnknownLabel_ExitsTwo_NamingRowAndLabel()
    {
        using var tree = new DatasetTree();
        tree.SetField(3, "label", "disgust");
        AssertFailsWith(tree, $"{tree.ManifestPath} row 3 (line 4)", "label 'disgust' is not one of anger, happy, surprise");
    }

    [Fact]
    public void MissingImage_ExitsTwo_NamingRowAndImage()
    {
        using var tree = new DatasetTree();
        File.Delete(tree.ImageFileOf(8));
        AssertFailsWith(tree, $"{tree.ManifestPath} row 8 (line 9)", "image 'images/S002/happy_0.png' does not exist");
    }

    [Fact]
    public void EmptyFold_ExitsTwo()
    {
        using var tree = new DatasetTree();
        tree.EditInfoJson(o => o["folds"] = 4);
        AssertFailsWith(tree, tree.ManifestPath, "fold 3 has no test images");
    }

    [Fact]
    public void MalformedDatasetJson_ExitsTwo()
    {
        using var tree = new DatasetTree();
        File.WriteAllText(tree.InfoPath, "{ oops");
        AssertFailsWith(tree, tree.InfoPath, "not valid dataset.json");
    }

    [Fact]
    public void MissingFolder_ExitsTwo()
    {
        using var dir = new TempDir();
        var missing = dir["no-such-dataset"];
        var (code, _, stderr) = Check(missing);
        Assert.True(code == 2, $"exit {code}; stderr: {stderr}");
        Assert.StartsWith("data-prep: error: ", stderr);
        Assert.Contains(missing, stderr);
        Assert.Contains("folder missing", stderr);
    }

    /// <summary>`check` decodes every image, so a corrupt one is reported (by row and file) like any other format error.</summary>
    [Fact]
    public void UndecodableImage_ExitsTwo_NamingRowAndFile()
    {
        using var tree = new DatasetTree();
        var file = tree.ImageFileOf(5);
        File.WriteAllBytes(file, "definitely not an image"u8.ToArray());
        AssertFailsWith(tree, $"{tree.ManifestPath} row 5 (line 6)", file);
    }
}
