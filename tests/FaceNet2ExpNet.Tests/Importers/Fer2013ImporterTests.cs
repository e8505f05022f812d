using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>fer2013.csv → fer2013: emotion codes → SFEW's classes, Usage → train/valid/test, exact pixels, errors by line.</summary>
public class Fer2013ImporterTests
{
    private static PreparedDataset Import(string source, string data, int size = Fer2013Csv.Side) =>
        Fer2013Importer.Import(new ImportOptions(source, data) { ImageSize = size }).Datasets.Single();

    [Fact]
    public void SameClassesAsSfew_UsageAsSplitRoles()
    {
        using var fer = new Fer2013Csv();
        var ds = Import(fer.Folder, fer.Data);
        Assert.Equal(SfewClasses, ds.Classes);
        Assert.Equal([2, 2, 2, 2, 2, 2, 2], ds.ClassCounts());
        Assert.Equal(Protocol.Splits, ds.Info.Protocol);
        var split = ds.Fold(0);
        Assert.Equal((8, 3, 3), (split.Train.Length, split.Valid.Length, split.Test.Length));   // usages cycle T, T, Pub, Priv over 14 faces
        // 0 Angry, 1 Disgust, 2 Fear, 3 Happy, 4 Sad, 5 Surprise, 6 Neutral.
        string[] byCode = ["anger", "disgust", "fear", "happy", "sadness", "surprise", "neutral"];
        for (var i = 0; i < Fer2013Csv.Faces; i++)
        {
            var row = ds.Rows[i];
            Assert.Equal(byCode[Fer2013Csv.Emotion(i)], ds.Classes[row.Label]);
            Assert.Equal(Fer2013Csv.Usages[i % 4] switch { "Training" => SplitRole.Train, "PublicTest" => SplitRole.Valid, _ => SplitRole.Test }, row.Roles.Single());
            Assert.Equal($"images/{Fer2013Csv.Usages[i % 4]}/{i + 2:000000}.png", row.Path);
        }
    }

    private static readonly string[] SfewClasses = ExpressionNames.Basic7;

    [Fact]
    public void Pixels_RowMajor_GreyReplicated()
    {
        using var fer = new Fer2013Csv();
        var ds = Import(fer.File, fer.Data);
        var image = ImageDecoder.Decode(Path.Combine(ds.Root, ds.Rows[5].Path));
        Assert.Equal((48, 48), (image.Width, image.Height));
        foreach (var (y, x) in new[] { (0, 0), (0, 47), (47, 0), (20, 31) })
        {
            var p = 3 * (y * 48 + x);
            Assert.Equal(Fer2013Csv.Pixel(5, y, x), image.Pixels[p]);
            Assert.Equal(image.Pixels[p], image.Pixels[p + 2]);
        }
    }

    [Fact]
    public void WrongPixelCount_NamesFileAndLine_AndLeavesNothing()
    {
        using var fer = new Fer2013Csv();
        fer.SetLine(7, "3,1 2 3,Training");
        var e = Assert.Throws<InvalidDataException>(() => Import(fer.File, fer.Data));
        Assert.Contains($"{fer.File} line 7: 3 pixel values", e.Message);
        Assert.Empty(SourceImages.Entries(fer.Data));
    }

    [Fact]
    public void UnknownUsageOrEmotion_NamesTheLine()
    {
        using var fer = new Fer2013Csv();
        fer.SetLine(3, "9,0 0 0 0,Training");
        Assert.Contains($"{fer.File} line 3: emotion '9'", Assert.Throws<InvalidDataException>(() => Import(fer.File, fer.Data)).Message);
        fer.SetLine(3, "1,0 0 0 0,Testing");
        Assert.Contains($"{fer.File} line 3: Usage 'Testing'", Assert.Throws<InvalidDataException>(() => Import(fer.File, fer.Data)).Message);
    }

    [Fact]
    public void MissingCsv_NamesTheFolder()
    {
        using var fer = new Fer2013Csv();
        File.Delete(fer.File);
        var e = Assert.Throws<FileNotFoundException>(() => Import(fer.Folder, fer.Data));
        Assert.Contains(fer.Folder, e.Message);
        Assert.Contains("fer2013.csv", e.Message);
        Assert.Empty(SourceImages.Entries(fer.Data));
    }

    [Fact]
    public void MissingUsageColumn_NamesIt()
    {
        using var fer = new Fer2013Csv();
        File.WriteAllLines(fer.File, ["emotion,pixels", "0,1 2 3 4"]);   // Kaggle's train.csv has no Usage
        Assert.Contains("no 'usage' column", Assert.Throws<InvalidDataException>(() => Import(fer.File, fer.Data)).Message);
    }
}
