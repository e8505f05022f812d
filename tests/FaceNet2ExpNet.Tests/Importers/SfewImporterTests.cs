using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>SFEW 2.0 → sfew: Train → train, Val → test, 7 classes in TFD/FER2013 order, film as subject, errors.</summary>
public class SfewImporterTests
{
    private static PreparedDataset Import(string root, string data) =>
        SfewImporter.Import(new ImportOptions(root, data) { ImageSize = 16 }).Datasets.Single();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrainIsTrain_ValIsTest_SevenClasses(bool nested)
    {
        using var tree = new SfewTree(nested);
        var ds = Import(tree.Root, tree.Data);
        Assert.Equal(["anger", "disgust", "fear", "happy", "sadness", "surprise", "neutral"], ds.Classes);
        // Folder order Angry, Disgust, Fear, Happy, Neutral, Sad, Surprise → class order … sadness, surprise, neutral.
        Assert.Equal([3 + 2, 1 + 1, 2 + 1, 3 + 2, 2 + 1, 2 + 1, 3 + 2], ds.ClassCounts());
        Assert.Equal(Protocol.Splits, ds.Info.Protocol);
        Assert.Equal(1, ds.FoldCount);
        var split = ds.Fold(0);
        Assert.Equal((16, 0, 10), (split.Train.Length, split.Valid.Length, split.Test.Length));
        foreach (var r in ds.Rows)
        {
            var (red, green, blue) = SourceImages.FirstPixel(Path.Combine(ds.Root, r.Path));
            var isTrain = r.Roles.Single() == SplitRole.Train;
            Assert.Equal(isTrain, r.Path.StartsWith("images/Train/"));
            var e = Array.IndexOf(SfewTree.Folders, r.Path.Split('/')[2]);
            Assert.Equal(ExpressionNames.FromFolder(SfewTree.Folders[e]), ds.Classes[r.Label]);
            if (red >= 100) Assert.Equal((100 + e, 100 + e, 100 + e), (red, green, blue));   // grey face, replicated
            else Assert.Equal((e, isTrain ? 0 : 1), (red, blue));
        }
        Assert.Equal(["21", "Airheads", "Harry_Potter_and_the_Goblet_of_Fire"], ds.Rows.Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Airheads_000519240_00000005.png", "Airheads")]
    [InlineData("21_001433080_00000017.png", "21")]
    [InlineData("Harry_Potter_000123456_00000001.png", "Harry_Potter")]
    [InlineData("face_1.png", "face_1")]
    public void Clip_IsTheFilmPrefixOfTheFileName(string file, string film) => Assert.Equal(film, SfewImporter.Clip(file));

    [Fact]
    public void WrongRoot_NamesItAndTheExpectedFolders()
    {
        using var tree = new SfewTree();
        var wrong = Path.Combine(tree.Root, "Train", "Angry");
        var e = Assert.Throws<DirectoryNotFoundException>(() => Import(wrong, tree.Data));
        Assert.Contains(wrong, e.Message);
        Assert.Contains("'Train'", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Fact]
    public void MissingVal_IsAnError()
    {
        using var tree = new SfewTree();
        Directory.Delete(Path.Combine(tree.Root, "Val"), recursive: true);
        var e = Assert.Throws<DirectoryNotFoundException>(() => Import(tree.Root, tree.Data));
        Assert.Contains("'Val'", e.Message);
    }

    [Fact]
    public void UnreadableFace_IsSkipped_Counted_AndListed()
    {
        using var tree = new SfewTree();
        var face = Directory.GetFiles(tree.Expression("Val", "Sad"), "*.png").First(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith("._"));
        File.WriteAllText(face, "");
        var result = SfewImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 });
        var sfew = result.Datasets[0];
        Assert.Equal(SfewTree.Train.Sum() + SfewTree.Val.Sum() - 1, sfew.Rows.Count);
        Assert.Contains("1 image file(s) skipped (1 could not be decoded, 0 without a face):", result.Summary);
        Assert.Contains(result.Summary, l => l.StartsWith($"  {face}: could not be decoded as an image (it is an empty file", StringComparison.Ordinal));
        Assert.Equal(face, sfew.Info.Extra!["skipped"][0].GetProperty("file").GetString());
        Assert.Equal(SfewTree.Val.Sum() - 1, sfew.Info.Extra["test"].GetInt32());
    }

    [Fact]
    public void NothingDecodable_IsAnError_AndLeavesNothing()
    {
        using var tree = new SfewTree();
        foreach (var f in Directory.GetFiles(tree.Root, "*.png", SearchOption.AllDirectories).Concat(Directory.GetFiles(tree.Root, "*.PNG", SearchOption.AllDirectories)))
            File.WriteAllText(f, "not an image");
        var e = Assert.Throws<InvalidDataException>(() => Import(tree.Root, tree.Data));
        Assert.StartsWith("sfew: nothing usable: none of the", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }
}
