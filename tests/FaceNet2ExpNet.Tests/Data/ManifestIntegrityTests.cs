using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>Protocol-level checks: k-fold folds are subject-independent, image paths stay inside the dataset.</summary>
public class ManifestIntegrityTests
{
    [Fact]
    public void A_subject_split_across_two_k_folds_is_refused()
    {
        using var tree = new DatasetTree();
        tree.SetField(2, "fold", "1");   // row 2 is S000 (fold 0) moved into fold 1
        var e = Assert.Throws<DatasetFormatException>(() => PreparedDataset.Open(tree.Root));
        Assert.Contains($"{tree.ManifestPath} row 2 (line 3)", e.Message);
        Assert.Contains("subject 'S000' is in fold 1, but row 1 puts it in fold 0", e.Message);
        Assert.Contains("subject-independent", e.Message);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("images/../../outside.png")]
    [InlineData("/etc/passwd")]
    public void Paths_outside_the_dataset_folder_are_refused(string path)
    {
        using var tree = new DatasetTree();
        tree.SetField(4, "path", path);
        var e = Assert.Throws<DatasetFormatException>(() => PreparedDataset.Open(tree.Root));
        Assert.Contains("row 4 (line 5)", e.Message);
        Assert.Contains("must be relative to the dataset folder", e.Message);
    }

    [Fact]
    public void A_failed_commit_names_the_destination_not_the_staging_folder()
    {
        using var dir = new TempDir();
        var root = dir["ds"];
        using var writer = new PreparedDatasetWriter(root, new DatasetInfo { Name = "x", Classes = ["a", "b"], Folds = 2 });
        writer.WritePng("images/1.png", new byte[12], 2, 2);
        writer.AddRow("images/1.png", "a", "S1", "1", 0, "0");   // fold 1 stays empty
        var e = Assert.Throws<DatasetFormatException>(() => writer.Commit());
        Assert.Contains(Path.Combine(root, "manifest.csv"), e.Message);
        Assert.DoesNotContain(".partial-", e.Message);
        Assert.Contains("nothing was written", e.Message);
    }
}
