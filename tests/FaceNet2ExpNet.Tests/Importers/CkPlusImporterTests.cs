using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>CK+ as distributed → ck-plus (8 classes) and ck-plus6: frames kept, labels, folds by ascending subject ID, errors.</summary>
public class CkPlusImporterTests
{
    private static ImportResult Import(CkPlusTree tree) => CkPlusImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 });

    [Fact]
    public void KeepsFirstFrameAsNeutralAndLastThreeWithTheSequenceEmotion()
    {
        using var tree = new CkPlusTree();
        var ck = Import(tree).Datasets[0];
        Assert.Equal("ck-plus", ck.Info.Name);
        var subjects = CkPlusTree.Plan.Select(p => p.Subject).Distinct().ToList();
        foreach (var (subject, sequence, frames, code) in CkPlusTree.Labelled)
        {
            var rows = ck.Rows.Where(r => r.Subject == subject && r.Sequence == sequence).OrderBy(r => r.Frame).ToList();
            Assert.Equal([1, frames - 2, frames - 1, frames], rows.Select(r => r.Frame));
            Assert.Equal(["neutral", .. Enumerable.Repeat(CkPlusImporter.EmotionCodes[code], 3)], rows.Select(r => ck.Classes[r.Label]));
            var grey = CkPlusTree.Plan.Single(p => p.Subject == subject && p.Sequence == sequence).Grey;
            foreach (var r in rows)
            {
                var (red, green, blue) = SourceImages.FirstPixel(Path.Combine(ck.Root, r.Path));   // the right source frame, 3 channels
                Assert.Equal((byte)(10 * r.Frame), red);
                Assert.Equal(grey ? (byte)(10 * r.Frame) : byte.Parse(sequence), green);
                Assert.Equal(grey ? (byte)(10 * r.Frame) : (byte)subjects.IndexOf(subject), blue);
            }
        }
        Assert.Contains(ck.Rows, r => r.Path == "images/S022/001/S022_001_00000008.png");   // upper-case .PNG source
    }

    [Fact]
    public void CountsClasses_InThePapersOrder_AndSkipsUnlabelledSequences()
    {
        using var tree = new CkPlusTree();
        var result = Import(tree);
        var (eight, six) = (result.Datasets[0], result.Datasets[1]);
        Assert.Equal(["anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise", "neutral"], eight.Classes);
        Assert.Equal([6, 3, 6, 6, 9, 6, 6, 14], eight.ClassCounts());   // 14 labelled sequences × 4 = 56
        Assert.Equal(56, eight.Rows.Count);
        Assert.Equal(["anger", "disgust", "fear", "happy", "sadness", "surprise"], six.Classes);
        Assert.Equal([6, 6, 6, 9, 6, 6], six.ClassCounts());           // peak frames without contempt
        Assert.DoesNotContain(eight.Rows, r => r.Subject == "S050" || (r.Subject, r.Sequence) is ("S005", "002") or ("S010", "003"));
        Assert.Equal(3, eight.Info.Extra!["unlabelledSequencesSkipped"].GetInt32());
        Assert.Equal(new CentreCropAligner().Name, eight.Info.Normalisation);
        Assert.Equal(16, eight.Info.ImageSize);
        Assert.Contains(result.Summary, l => l.Contains("56 images from 14 labelled sequences of 11 subjects") && l.Contains("3 sequences without an emotion file skipped"));
        Assert.Contains(result.Summary, l => l.Contains("147") && l.Contains("207 = 69 sequences × 3"));
    }

    [Fact]
    public void TenFolds_BySubjectIdInAscendingOrder()
    {
        using var tree = new CkPlusTree();
        var result = Import(tree);
        // 11 labelled subjects sorted by ID, fold = ⌊10·i / 11⌋.
        var expected = new Dictionary<string, int>
        {
            ["S005"] = 0, ["S010"] = 0, ["S011"] = 1, ["S014"] = 2, ["S022"] = 3, ["S026"] = 4,
            ["S032"] = 5, ["S034"] = 6, ["S037"] = 7, ["S042"] = 8, ["S046"] = 9,
        };
        foreach (var ds in result.Datasets)
        {
            Assert.Equal(Protocol.KFold, ds.Info.Protocol);
            Assert.Equal(10, ds.FoldCount);
            foreach (var r in ds.Rows) Assert.Equal(expected[r.Subject], r.TestFold);
        }
        Assert.Equal(12, result.Datasets[0].Fold(0).Test.Length);   // S005 (6 frames) + S010 (2 sequences) = 3 sequences × 4
    }

    [Fact]
    public void EmotionCode_ParsedFromCkPlusFloatText()
    {
        using var tree = new CkPlusTree();
        var file = Directory.GetFiles(Path.Combine(tree.Emotion, "S005", "001"), "*_emotion.txt").Single();
        Assert.Equal(3, CkPlusImporter.ReadEmotion(file));
        File.WriteAllText(file, "   9.0000000e+00");
        var e = Assert.Throws<InvalidDataException>(() => CkPlusImporter.ReadEmotion(file));
        Assert.Contains(file, e.Message);
        File.WriteAllText(file, "happy");
        Assert.Contains("expected an emotion code", Assert.Throws<InvalidDataException>(() => CkPlusImporter.ReadEmotion(file)).Message);
    }

    private static void AssertFailsNaming<T>(CkPlusTree tree, string path, string? also = null) where T : Exception
    {
        var e = Assert.ThrowsAny<T>(() => Import(tree));
        Assert.Contains(path, e.Message);
        if (also is not null) Assert.Contains(also, e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));   // no dataset folder, no *.partial-* staging folder
    }

    [Fact]
    public void WrongRoot_NamesTheFolderAndTheExpectedLayout()
    {
        using var tree = new CkPlusTree();
        var wrong = tree.Images;   // one level too deep
        var e = Assert.Throws<DirectoryNotFoundException>(() => CkPlusImporter.Import(new ImportOptions(wrong, tree.Data)));
        Assert.Contains(wrong, e.Message);
        Assert.Contains("cohn-kanade-images", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Fact]
    public void MissingEmotionFolder_NamesTheRoot()
    {
        using var tree = new CkPlusTree();
        Directory.Delete(tree.Emotion, recursive: true);
        AssertFailsNaming<DirectoryNotFoundException>(tree, tree.Root, "'Emotion'");
    }

    [Fact]
    public void UnreadableKeptFrame_NamesTheFile_AndLeavesNothing()
    {
        using var tree = new CkPlusTree();
        var frame = tree.Frame("S037", "001", 4);
        File.WriteAllBytes(frame, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);   // a PNG signature, then garbage
        AssertFailsNaming<InvalidDataException>(tree, frame);
    }

    [Fact]
    public void EmptyLabelledSequence_NamesTheFolder()
    {
        using var tree = new CkPlusTree();
        var folder = tree.SequenceFolder("S026", "001");
        foreach (var f in Directory.GetFiles(folder)) File.Delete(f);
        SourceImages.Litter(folder);
        AssertFailsNaming<InvalidDataException>(tree, folder, "empty sequence");
    }

    [Fact]
    public void LabelWithoutImageSequence_NamesTheLabelFile()
    {
        using var tree = new CkPlusTree();
        Directory.Delete(tree.SequenceFolder("S046", "001"), recursive: true);
        AssertFailsNaming<InvalidDataException>(tree, Path.Combine(tree.Emotion, "S046", "001"), "without an image sequence");
    }

    [Fact]
    public void TwoEmotionFilesInOneSequence_NamesTheFolder()
    {
        using var tree = new CkPlusTree();
        var labels = Path.Combine(tree.Emotion, "S010", "001");
        File.WriteAllText(Path.Combine(labels, "S010_001_00000003_emotion.txt"), "   1.0000000e+00");
        AssertFailsNaming<InvalidDataException>(tree, labels, "2 emotion files");
    }

    [Fact]
    public void ReimportReplacesTheDataset()
    {
        using var tree = new CkPlusTree();
        Import(tree);
        Directory.Delete(tree.SequenceFolder("S046", "001"), recursive: true);
        Directory.Delete(Path.Combine(tree.Emotion, "S046"), recursive: true);
        Directory.CreateDirectory(Path.Combine(tree.Emotion, "S046"));
        var again = Import(tree).Datasets[0];
        Assert.Equal(52, again.Rows.Count);
        Assert.Equal(["ck-plus", "ck-plus6"], Directory.GetDirectories(tree.Data).Select(Path.GetFileName).Order());
    }

    /// <summary>A subject whose only sequences are contempt leaves its fold of the 6-class set empty: neither set is written.</summary>
    [Fact]
    public void SixClassSetInvalid_WritesNeitherSet()
    {
        using var tree = new CkPlusTree();
        Directory.Delete(tree.SequenceFolder("S011", "002"), recursive: true);
        Directory.Delete(Path.Combine(tree.Emotion, "S011", "002"), recursive: true);
        AssertFailsNaming<DatasetFormatException>(tree, Path.Combine(tree.Data, "ck-plus6"), "fold 1 has no test images");
    }
}
