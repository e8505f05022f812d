using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>Oulu-CASIA VIS strong → oulu-casia: last 3 frames by frame number, 6 classes, subject-independent folds, errors.</summary>
public class OuluCasiaImporterTests
{
    private static PreparedDataset Import(OuluCasiaTree tree) =>
        OuluCasiaImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 }).Datasets.Single();

    [Fact]
    public void LastThreeFrames_SixClasses_1440Shape()
    {
        using var tree = new OuluCasiaTree();
        var ds = Import(tree);
        Assert.Equal("oulu-casia", ds.Info.Name);
        Assert.Equal(["anger", "disgust", "fear", "happy", "sadness", "surprise"], ds.Classes);
        Assert.Equal(11 * 6 * 3, ds.Rows.Count);   // the paper's 80 subjects give 1440
        Assert.All(ds.ClassCounts(), n => Assert.Equal(33, n));
        for (var s = 0; s < OuluCasiaTree.Subjects.Length; s++)
        for (var e = 0; e < OuluCasiaTree.Folders.Length; e++)
        {
            var (subject, folder, length) = (OuluCasiaTree.Subjects[s], OuluCasiaTree.Folders[e], OuluCasiaTree.Length(s, e));
            var rows = ds.Rows.Where(r => r.Subject == subject && r.Sequence == folder).OrderBy(r => r.Frame).ToList();
            var first = OuluCasiaTree.First(subject);
            Assert.Equal([first + length - 3, first + length - 2, first + length - 1], rows.Select(r => r.Frame));
            Assert.All(rows, r => Assert.Equal(ExpressionNames.FromFolder(folder), ds.Classes[r.Label]));
            foreach (var r in rows)   // grey value 20·k of the k-th frame (JPEG: within 2)
            {
                var (red, green, blue) = SourceImages.FirstPixel(Path.Combine(ds.Root, r.Path));
                Assert.InRange(red, 20 * (r.Frame - first + 1) - 2, 20 * (r.Frame - first + 1) + 2);
                Assert.Equal(red, green);
                Assert.Equal(red, blue);
            }
        }
    }

    [Fact]
    public void TenSubjectIndependentFolds_ByAscendingSubjectId()
    {
        using var tree = new OuluCasiaTree();
        var ds = Import(tree);
        Assert.Equal(Protocol.KFold, ds.Info.Protocol);
        Assert.Equal(10, ds.FoldCount);
        // 11 subjects: fold = ⌊10·i / 11⌋ → P001 and P002 share fold 0, then one subject per fold.
        for (var i = 0; i < 11; i++)
            Assert.All(ds.Rows.Where(r => r.Subject == OuluCasiaTree.Subjects[i]), r => Assert.Equal(i * 10 / 11, r.TestFold));
        Assert.Equal(36, ds.Fold(0).Test.Length);
        Assert.Equal(18, ds.Fold(9).Test.Length);
    }

    [Fact]
    public void WrongRoot_NamesTheFolder()
    {
        using var tree = new OuluCasiaTree();
        var wrong = Path.Combine(tree.Root, "OriginalImg", "NI");
        var e = Assert.Throws<DirectoryNotFoundException>(() => OuluCasiaImporter.Import(new ImportOptions(wrong, tree.Data)));
        Assert.Contains(wrong, e.Message);
        Assert.Contains("OriginalImg/VL/Strong", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Fact]
    public void EmptySequence_NamesTheFolder_AndLeavesNothing()
    {
        using var tree = new OuluCasiaTree();
        var folder = tree.Sequence("P007", "Fear");
        foreach (var f in Directory.GetFiles(folder)) File.Delete(f);
        var e = Assert.Throws<InvalidDataException>(() => Import(tree));
        Assert.Contains(folder, e.Message);
        Assert.Contains("empty sequence", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Fact]
    public void UnreadableFrame_NamesTheFile_AndLeavesNothing()
    {
        using var tree = new OuluCasiaTree();
        var last = Directory.GetFiles(tree.Sequence("P010", "Surprise"), "*.jpeg").Order().Last();
        File.WriteAllBytes(last, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 1, 2]);   // a JPEG start, then nothing
        var e = Assert.Throws<InvalidDataException>(() => Import(tree));
        Assert.Contains(last, e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Fact]
    public void UnknownExpressionFolder_NamesIt()
    {
        using var tree = new OuluCasiaTree();
        var odd = tree.Sequence("P005", "Contemptuous");
        SourceImages.Write(Path.Combine(odd, "000.jpeg"), 9, 9, 9, grey: true);
        var e = Assert.Throws<InvalidDataException>(() => Import(tree));
        Assert.Contains(odd, e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Fact]
    public void FewerThanTenSubjects_NamesTheSource()
    {
        using var tree = new OuluCasiaTree();
        foreach (var s in OuluCasiaTree.Subjects.Skip(9)) Directory.Delete(Path.Combine(tree.Strong, s), recursive: true);
        var e = Assert.Throws<InvalidDataException>(() => Import(tree));
        Assert.Contains($"{tree.Root}: 9 subjects cannot fill 10 subject-independent folds", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }
}
