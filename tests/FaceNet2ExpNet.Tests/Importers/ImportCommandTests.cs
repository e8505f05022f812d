using System.CommandLine;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>`data-prep import &lt;dataset&gt;`: exit 0 with the Table II comparison, or exit 2 with one line naming the path.</summary>
[Collection("Console")]
public class ImportCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => DataPrepCli.Run(ImportCommand.Create(), args);

    [Fact]
    public void CkPlus_PrintsCountsBesideTableII_AndFolds()
    {
        using var tree = new CkPlusTree();
        var (code, stdout, stderr) = Run("ck-plus", "--source", tree.Root, "--data", tree.Data, "--size", "16", "--aligner", "centre-crop:0.5");
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Contains("ck-plus: 56 images from 14 labelled sequences", stdout);
        Assert.Contains("  happy           9               147 *", stdout);
        Assert.Contains("  neutral        14               327", stdout);
        Assert.Contains("  total          56              1308", stdout);
        Assert.Contains("fold 0: train 44, valid 0, test 12", stdout);
        Assert.Contains("ck-plus6: 39 images", stdout);
        var info = PreparedDataset.Open(Path.Combine(tree.Data, "ck-plus")).Info;
        Assert.Equal("centre-crop 0.5 of the shorter side (no face detection)", info.Normalisation);
    }

    [Fact]
    public void UnknownAligner_ExitsTwo_ListingTheKnownOnes()
    {
        using var tree = new CkPlusTree();
        var (code, _, stderr) = Run("ck-plus", "--source", tree.Root, "--data", tree.Data, "--aligner", "dlib");
        Assert.Equal(2, code);
        Assert.Contains("--aligner 'dlib': unknown aligner; known: centre-crop", stderr);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Theory]
    [InlineData("ck-plus")]
    [InlineData("oulu-casia")]
    [InlineData("tfd")]
    [InlineData("sfew")]
    [InlineData("fer2013")]
    [InlineData("folder")]
    public void WrongSource_ExitsTwo_NamingIt_AndWritesNothing(string dataset)
    {
        using var dir = new TempDir();
        var wrong = dir["not-the-dataset"];
        Directory.CreateDirectory(wrong);
        File.WriteAllText(Path.Combine(wrong, "readme.txt"), "nothing here");
        var data = dir["data"];
        var (code, stdout, stderr) = Run(dataset, "--source", wrong, "--data", data);
        Assert.True(code == 2, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.StartsWith("data-prep: error: ", stderr);
        Assert.Contains(wrong, stderr);
        Assert.Empty(SourceImages.Entries(data));
    }

    [Fact]
    public void Tfd_FromTheMatFile_PrintsTheSplits()
    {
        using var tfd = new TfdFile();
        var (code, stdout, stderr) = Run("tfd", "--source", tfd.Path48, "--data", tfd.Data, "--size", "8");
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Contains("tfd: 18 labelled images of 24 in TFD_48x48.mat", stdout);
        Assert.Contains("fold 0: train 12, valid 4, test 2", stdout);
        Assert.Contains("  neutral         2              1202", stdout);
    }
}
