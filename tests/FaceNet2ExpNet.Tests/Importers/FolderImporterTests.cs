using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Importers;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Tests.Fixtures.Images;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>`import folder` (torchvision's ImageFolder): the layouts people hold, folds, subjects, class names, errors.</summary>
public class FolderImporterTests
{
    private static ImportResult Import(string root, string data, FolderOptions? f = null, int size = 16) =>
        FolderImporter.Import(new ImportOptions(root, data) { ImageSize = size, Aligner = FaceImages.AsDistributed }, f ?? new FolderOptions());

    [Fact]
    public void Kaggle_CK48_TenFoldsByAscendingSubject_ClassesInThePapersOrder()
    {
        using var dir = new TempDir();
        LayoutTrees.Ck48(dir["CK+48"]);
        var result = Import(dir["CK+48"], dir["data"]);
        var ds = result.Datasets.Single();
        Assert.Equal("ck+48", ds.Info.Name);
        Assert.Equal(LayoutTrees.Ck48Classes, ds.Classes);
        Assert.Equal(Protocol.KFold, ds.Info.Protocol);
        Assert.Equal(10, ds.Info.Folds);
        Assert.Equal(36, ds.Rows.Count);
        var subjects = ds.Rows.Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(12, subjects.Count);
        for (var i = 0; i < subjects.Count; i++)   // fold = ⌊10·i / 12⌋ by ascending ID
            Assert.All(ds.Rows.Where(r => r.Subject == subjects[i]), r => Assert.Equal(10 * i / 12, r.TestFold));
        var row = ds.Rows.Single(r => r.Path == "images/anger/S005_001_00000017.png");
        Assert.Equal(("S005", "anger"), (row.Subject, ds.Classes[row.Label]));
        Assert.Equal((byte)10, SourceImages.FirstPixel(Path.Combine(ds.Root, row.Path)).R);
        Assert.Contains(result.Summary, l => l.Contains("10 subject-independent folds by ascending subject ID (12 subjects)"));
    }

    [Fact]
    public void Kaggle_FER2013_ImageFolders_SplitFolders_LowerCaseNamesMapped()
    {
        using var dir = new TempDir();
        LayoutTrees.Fer2013ImageFolders(dir["fer2013"]);
        var result = Import(dir["fer2013"], dir["data"], new FolderOptions(NoSubjects: true));
        var ds = result.Datasets.Single();
        Assert.Equal(ExpressionNames.Basic7, ds.Classes);   // SFEW's order, so it can be extra training data
        Assert.Equal((Protocol.Splits, 1), (ds.Info.Protocol, ds.Info.Folds));
        Assert.Equal((21, 0, 7), (ds.Fold(0).Train.Length, ds.Fold(0).Valid.Length, ds.Fold(0).Test.Length));
        var classFolders = ds.Info.Extra!["classFolders"];
        Assert.Equal("anger", classFolders.GetProperty("angry").GetString());
        Assert.Equal("sadness", classFolders.GetProperty("sad").GetString());
        Assert.Contains(result.Summary, l => l.Contains("angry → anger") && l.Contains("sad → sadness"));
    }

    [Fact]
    public void Folds_AskedFor_WithSplitFolders_SaySoInsteadOfBeingIgnoredSilently()
    {
        using var dir = new TempDir();
        LayoutTrees.Fer2013ImageFolders(dir["fer2013"]);
        var asked = Import(dir["fer2013"], dir["data"], new FolderOptions(Name: "a", Folds: 5, NoSubjects: true, FoldsGiven: true));
        Assert.Equal(1, asked.Datasets.Single().Info.Folds);
        Assert.Contains(asked.Summary, l => l == "note: --folds 5 is not used: the split folders (train/, val/, test/) make one fixed split.");
        var notAsked = Import(dir["fer2013"], dir["data"], new FolderOptions(Name: "b", NoSubjects: true));
        Assert.DoesNotContain(notAsked.Summary, l => l.Contains("--folds"));
    }

    [Fact]
    public void FileNamesWithoutSubjects_AreNoted_WhenSplitsMakeThemHarmless()
    {
        using var dir = new TempDir();
        LayoutTrees.Fer2013ImageFolders(dir["fer2013"]);
        var result = Import(dir["fer2013"], dir["data"]);
        Assert.Contains(result.Summary, l => l.StartsWith("note: only 2 distinct subjects were read") && l.Contains("--no-subjects"));
    }

    [Fact]
    public void OwnSet_EveryFormat_Upright_UndecodableListed_OtherFilesIgnored()
    {
        using var dir = new TempDir();
        var bad = LayoutTrees.OwnSet(dir["my faces"]);
        var result = Import(dir["my faces"], dir["data"], new FolderOptions(Name: "mine", Folds: 3), size: 16);
        var ds = result.Datasets.Single();
        Assert.Equal(["anger", "happy", "surprise"], ds.Classes);
        Assert.Equal(12, ds.Rows.Count);
        Assert.Equal(3, ds.Info.Folds);
        Assert.Equal(4, ds.Rows.Select(r => r.Subject).Distinct().Count());
        Assert.Contains("1 image file(s) skipped (1 could not be decoded, 0 without a face):", result.Summary);
        Assert.Contains(result.Summary, l => l.StartsWith($"  {bad}: could not be decoded as an image (truncated JPEG"));
        Assert.Contains(result.Summary, l => l.StartsWith("1 file(s) that are not images ignored (e.g. Happy/notes.txt"));
        Assert.Equal(bad, ds.Info.Extra!["skipped"][0].GetProperty("file").GetString());
        // Every stored face is the pattern's central square, upright: top-left red, bottom-right yellow, whatever the format.
        foreach (var r in ds.Rows)
        {
            var image = ImageDecoder.Decode(Path.Combine(ds.Root, r.Path));
            var (tl, br) = (image.Pixels[..3], image.Pixels[^3..]);
            Assert.True(Math.Abs(tl[0] - 200) < 12 && tl[1] < 45 && Math.Abs(br[0] - 190) < 12 && Math.Abs(br[1] - 180) < 12, $"{r.Path}: {string.Join(",", tl)} / {string.Join(",", br)}");
        }
    }

    [Fact]
    public void SubjectRegex_And_NoSubjects()
    {
        using var dir = new TempDir();
        LayoutTrees.OwnSet(dir["set"]);
        var byRegex = Import(dir["set"], dir["data"], new FolderOptions(Name: "a", Folds: 2, Subjects: new SubjectNames(@"_photo(?<subject>\d)"))).Datasets.Single();
        Assert.Equal(["0", "1", "2"], byRegex.Rows.Select(r => r.Subject).Distinct().Order());
        Assert.Contains("regular expression", byRegex.Info.Extra!["subjects"].GetString());

        var perImage = Import(dir["set"], dir["data"], new FolderOptions(Name: "b", Folds: 5, NoSubjects: true)).Datasets.Single();
        Assert.Equal(5, perImage.Info.Folds);
        Assert.Equal(perImage.Rows.Count, perImage.Rows.Select(r => r.Subject).Distinct().Count());
        Assert.Contains("NOT subject-independent", perImage.Info.Extra!["folds"].GetString());
        Assert.All(Enumerable.Range(0, 5), k => Assert.NotEmpty(perImage.Fold(k).Test));
    }

    [Fact]
    public void ValWithoutTest_IsTheTestPart_AndNestedArchiveFolderIsFound()
    {
        using var dir = new TempDir();
        foreach (var (split, n) in new[] { ("train", 3), ("val", 1) })
        foreach (var c in new[] { "Neutral", "Happiness" })
        for (var i = 0; i < n; i++)
            SourceImages.Write(dir[$"download/AffectSet/{split}/{c}/{split}{i}_{c}.png"], 9, 9, 9);
        var ds = Import(dir["download"], dir["data"], new FolderOptions(NoSubjects: true)).Datasets.Single();
        Assert.Equal("affectset", ds.Info.Name);
        Assert.Equal(["happy", "neutral"], ds.Classes);
        Assert.Equal((6, 0, 2), (ds.Fold(0).Train.Length, ds.Fold(0).Valid.Length, ds.Fold(0).Test.Length));
    }

    [Theory]
    [InlineData("flat", "no class folders in it")]
    [InlineData("one-subject", "have the subject 'KA'")]
    [InlineData("twice", "are both class 'happy'")]
    [InlineData("mixed", "has split folders (train/) and other folders (happy/)")]
    [InlineData("one-class", "only one class (happy)")]
    [InlineData("no-name", "no subject in the file name")]
    public void BadTrees_AreOneClearError_AndLeaveNothing(string kind, string expected)
    {
        using var dir = new TempDir();
        var root = dir["src"];
        switch (kind)
        {
            case "flat": foreach (var n in new[] { "KA.AN1.39.tiff", "KA.HA1.29.tiff" }) TiffFile.Write(Path.Combine(root, n), new Pattern(), TiffFile.Kind.Grey); break;
            case "one-subject": foreach (var c in new[] { "happy", "sad" }) SourceImages.Write(Path.Combine(root, c, "KA_0001.jpg"), 1, 2, 3); break;
            case "twice": foreach (var c in new[] { "Happy", "happiness" }) SourceImages.Write(Path.Combine(root, c, "a_1.png"), 1, 2, 3); break;
            case "mixed": SourceImages.Write(Path.Combine(root, "train", "happy", "a_1.png"), 1, 2, 3); SourceImages.Write(Path.Combine(root, "happy", "b_1.png"), 1, 2, 3); break;
            case "one-class": SourceImages.Write(Path.Combine(root, "happy", "a_1.png"), 1, 2, 3); SourceImages.Write(Path.Combine(root, "happy", "b_1.png"), 1, 2, 3); break;
            default: foreach (var c in new[] { "happy", "sad" }) SourceImages.Write(Path.Combine(root, c, "_1.png"), 1, 2, 3); break;
        }
        var e = Assert.ThrowsAny<Exception>(() => Import(root, dir["data"]));
        Assert.IsType<InvalidDataException>(e);
        Assert.Contains(expected, e.Message);
        Assert.Empty(SourceImages.Entries(dir["data"]));
    }
}
