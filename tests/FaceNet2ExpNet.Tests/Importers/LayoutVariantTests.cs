using System.Formats.Tar;
using System.IO.Compression;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Importers;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>The distributions' other layouts (SFEW's nested Val, Oulu-CASIA's crops, the FER2013 challenge folder, FER+) and the faults found in them.</summary>
public class LayoutVariantTests
{
    [Fact]
    public void CkPlus_EmotionFileNamingAFrameBeyondTheLastImage_IsAnErrorWithBothNumbers()
    {
        using var tree = new CkPlusTree();
        // S022/001 has 8 frames and its label names frame 8; a damaged archive lost frames 7 and 8.
        File.Delete(tree.Frame("S022", "001", 8));
        File.Delete(tree.Frame("S022", "001", 7));
        var e = Assert.Throws<InvalidDataException>(() => CkPlusImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 }));
        Assert.Contains(tree.SequenceFolder("S022", "001"), e.Message);
        Assert.Contains("S022_001_00000008_emotion.txt labels frame 8, but the sequence's last image is frame 6", e.Message);
        Assert.Contains("frames are missing", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));
    }

    [Fact]
    public void CkPlus_FramesMissingJustBeforeThePeak_IsAnErrorNamingThem()
    {
        using var tree = new CkPlusTree();
        // S022/001: frames 1–8, the label names 8; frames 6 and 7 were lost, so the last three images are 4, 5 and 8.
        File.Delete(tree.Frame("S022", "001", 6));
        File.Delete(tree.Frame("S022", "001", 7));
        var e = Assert.Throws<InvalidDataException>(() => CkPlusImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 }));
        Assert.StartsWith(tree.SequenceFolder("S022", "001") + ": the last three images are frames 4, 5 and 8, not 6, 7 and 8: frames 6 and 7 are missing", e.Message);
        Assert.Empty(SourceImages.Entries(tree.Data));

        using var one = new CkPlusTree();
        File.Delete(one.Frame("S022", "001", 7));
        Assert.Contains("frame 7 is missing", Assert.Throws<InvalidDataException>(
            () => CkPlusImporter.Import(new ImportOptions(one.Root, one.Data) { ImageSize = 16 })).Message);
    }

    [Fact]
    public void OuluCasia_Crops_NeedNoFaceApiModels()
    {
        using var tree = new OuluCasiaTree();
        CopyTree(tree.Strong, Path.Combine(tree.Root, "PreProcess", "VL_Acropped", "Strong"));
        // data-prep's default aligner is face-api, made when first used (before: loaded at once, so a copy holding only
        // the crops could not be imported without installing models it never uses).
        Assert.IsType<FaceNet2ExpNet.DataPrep.LazyAligner>(FaceNet2ExpNet.DataPrep.AlignerOption.Parse("face-api"));
        using var aligner = new FaceNet2ExpNet.DataPrep.LazyAligner(() => throw new FileNotFoundException("face-api 1.7.15 models not found"));
        var ds = OuluCasiaImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16, Aligner = aligner }, crops: true).Datasets.Single();
        Assert.StartsWith("Oulu-CASIA's own face crops", ds.Info.Normalisation);
        Assert.Throws<FileNotFoundException>(() => aligner.Name);   // the raw frames still need the models, and say so
    }

    [Fact]
    public void Sfew_ValNestedTwice_AsTheArchiveUnpacksInsideVal()
    {
        using var tree = new SfewTree();
        var val = Path.Combine(tree.Root, "Val");
        var nested = Path.Combine(tree.Root, "Val_tmp", "Val_Aligned_Faces_new", "Val_Aligned_Faces");
        Directory.CreateDirectory(Path.GetDirectoryName(nested)!);
        Directory.Move(val, nested);
        Directory.Move(Path.Combine(tree.Root, "Val_tmp"), val);   // Val/Val_Aligned_Faces_new/Val_Aligned_Faces/<Expr>
        var sfew = SfewImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 }).Datasets.Single();
        Assert.Equal(SfewTree.Val.Sum(), sfew.Fold(0).Test.Length);
        Assert.Equal(SfewTree.Train.Sum(), sfew.Fold(0).Train.Length);
    }

    [Fact]
    public void OuluCasia_FaceCrops_UsedWhenAskedOrAlone_AndRecordedInNormalisation()
    {
        using var tree = new OuluCasiaTree();
        var crops = Path.Combine(tree.Root, "PreProcess", "VL_Acropped", "Strong");
        CopyTree(tree.Strong, crops);
        var asked = OuluCasiaImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 }, crops: true);
        var ds = asked.Datasets.Single();
        Assert.StartsWith("Oulu-CASIA's own face crops (PreProcess/VL_Acropped/Strong)", ds.Info.Normalisation);
        Assert.Equal(1440 / 80 * 11, ds.Rows.Count);   // 11 subjects × 6 sequences × 3
        Assert.Contains(asked.Summary, l => l.Contains("--aligner does not apply"));

        Directory.Delete(Path.Combine(tree.Root, "OriginalImg"), recursive: true);
        var alone = OuluCasiaImporter.Import(new ImportOptions(tree.Root, tree.Data) { ImageSize = 16 }).Datasets.Single();
        Assert.StartsWith("Oulu-CASIA's own face crops", alone.Info.Normalisation);
    }

    [Fact]
    public void Fer2013_KaggleChallengeFolder_ReadsIcmlFaceData()
    {
        using var csv = new Fer2013Csv();
        var challenge = Path.Combine(Path.GetDirectoryName(csv.Folder)!, "challenges-in-representation-learning");
        Directory.CreateDirectory(challenge);
        var lines = File.ReadAllLines(csv.File);
        lines[0] = "emotion, Usage, pixels";   // icml_face_data.csv: other column order, spaces after the commas
        File.WriteAllLines(Path.Combine(challenge, "icml_face_data.csv"),
            [lines[0], .. lines.Skip(1).Select(l => l.Split(',')).Select(f => $"{f[0]}, {f[2]}, {f[1]}")]);
        File.WriteAllText(Path.Combine(challenge, "train.csv"), "emotion,pixels\n");
        File.WriteAllBytes(Path.Combine(challenge, "fer2013.tar.gz"), [0x1F, 0x8B, 8, 0, 0, 0, 0, 0]);
        var ds = Fer2013Importer.Import(new ImportOptions(challenge, csv.Data) { ImageSize = 48 }).Datasets.Single();
        Assert.Equal(Fer2013Csv.Faces, ds.Rows.Count);
        Assert.Contains("icml_face_data.csv", ds.Info.Source);
    }

    [Fact]
    public void FerPlus_MajorityVote_AsFerPlusDefinesIt_DropsNoMajorityUnknownContemptAndNotAFace()
    {
        using var csv = new Fer2013Csv();
        // Usage,Image name, neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF
        string[] votes =
        [
            "0,10,0,0,0,0,0,0,0,0", "6,2,0,0,0,0,0,0,2,0", "5,5,0,0,0,0,0,0,0,0", "0,0,0,0,0,0,0,8,2,0", "0,0,0,0,0,0,0,0,7,3",
            "0,0,0,0,0,0,0,0,0,10", "0,0,4,0,0,0,3,0,3,0", "0,0,0,6,0,0,0,0,4,0", "0,0,0,0,9,1,0,0,0,0", "0,0,0,0,0,5,4,0,1,0",
            "0,0,0,0,0,0,10,0,0,0", "1,1,1,1,1,1,1,1,1,1", "0,3,0,0,0,0,0,0,0,7", "4,0,0,0,0,0,0,0,0,0",
        ];
        var labels = Path.Combine(csv.Folder, "fer2013new.csv");
        File.WriteAllLines(labels, ["Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF",
            .. votes.Select((v, i) => $"{Fer2013Csv.Usages[i % 4]},{(i == 13 ? "" : $"fer{i:0000000}.png")},{v}")]);
        var result = Fer2013Importer.Import(new ImportOptions(csv.File, csv.Data) { ImageSize = 48 }, labels);
        var ds = result.Datasets.Single();
        Assert.Equal("ferplus", ds.Info.Name);
        // kept: 0 happy, 1 neutral, 7 sadness, 8 anger (9 of 9 once the single disgust vote is discarded), 9 disgust (5 of 9),
        // 10 fear. Row 6 (surprise 4 of 10) has no majority: FER+'s rule, where the most votes alone kept it before.
        Assert.Equal([1, 1, 1, 1, 1, 0, 1], ds.ClassCounts());
        Assert.Equal(["line-2", "line-3", "line-9", "line-10", "line-11", "line-12"], ds.Rows.Select(r => r.Subject));
        Assert.Equal("happy", ds.Classes[ds.Rows[0].Label]);
        var dropped = ds.Info.Extra!["dropped"];
        Assert.Equal(3, dropped.GetProperty("no majority").GetInt32());  // rows 2 (a tie), 6 (4 of 10) and 11 (single votes only)
        Assert.Equal(1, dropped.GetProperty("contempt").GetInt32());     // row 3
        Assert.Equal(1, dropped.GetProperty("unknown").GetInt32());      // row 4
        Assert.Equal(2, dropped.GetProperty("not a face").GetInt32());   // rows 5 and 12
        Assert.Equal(1, dropped.GetProperty("no image name").GetInt32());
        Assert.Contains(result.Summary, l => l.Contains("dropped: contempt 1, no image name 1, no majority 3, not a face 2, unknown 1 (of 14 rows)"));
    }

    [Theory]   // rows of the real fer2013new.csv (its first lines, public in Microsoft's FERPlus repository) and edge cases
    [InlineData("4,0,0,1,3,2,0,0,0,0", null, "no majority")]    // fer0000000: neutral 4 of 9 counted votes
    [InlineData("6,0,1,1,0,0,0,0,2,0", "neutral", null)]        // fer0000001: 6 of 8
    [InlineData("5,0,0,3,1,0,0,0,1,0", "neutral", null)]        // fer0000002: 5 of 8
    [InlineData("2,0,0,8,0,0,0,0,0,0", "sadness", null)]        // fer0000006
    [InlineData("0,0,6,0,0,0,4,0,0,0", "surprise", null)]       // fer0000009: 6 of 10
    [InlineData("5,5,0,0,0,0,0,0,0,0", null, "no majority")]    // a tie
    [InlineData("1,1,1,1,1,1,1,1,1,1", null, "no majority")]    // single votes only
    [InlineData("0,0,0,0,0,0,0,6,4,0", null, "contempt")]
    [InlineData("0,0,0,0,0,0,0,0,0,0", null, "no votes")]
    public void FerPlus_Majority_IsFerPlusOwnRule(string votes, string? expectedClass, string? expectedDrop) =>
        Assert.Equal((expectedClass, expectedDrop), FerPlusLabels.Majority([.. votes.Split(',').Select(int.Parse)]));

    [Fact]
    public void FerPlus_FromAnotherRelease_IsRefusedNamingBothFiles()
    {
        using var csv = new Fer2013Csv();
        var labels = Path.Combine(csv.Folder, "fer2013new.csv");
        File.WriteAllLines(labels, ["Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF", "Training,fer0.png,10,0,0,0,0,0,0,0,0,0"]);
        var e = Assert.Throws<InvalidDataException>(() => Fer2013Importer.Import(new ImportOptions(csv.File, csv.Data), labels));
        Assert.Contains("1 rows, but", e.Message);
        Assert.Contains("do not belong together", e.Message);
    }

    public static TheoryData<string> ArchiveKinds => new() { "tar.gz", "tar", "zip" };

    [Theory]
    [MemberData(nameof(ArchiveKinds))]
    public void Fer2013_GivenAnArchive_SaysUnpackIt_WithoutEchoingItsBytes(string kind)
    {
        using var csv = new Fer2013Csv();
        var archive = Path.Combine(csv.Folder, kind == "tar" ? "fer2013" : "fer2013." + kind);   // Windows leaves the tar without extension
        Archives.Write(archive, kind, csv.File);
        var e = Assert.Throws<InvalidDataException>(() => Fer2013Importer.Import(new ImportOptions(archive, csv.Data)));
        Assert.Contains(kind switch { "tar.gz" => "is a gzip-compressed tar archive (.tar.gz)", "tar" => "is a tar archive", _ => "is a zip archive" }, e.Message);
        Assert.Contains("unpack it and point at fer2013.csv", e.Message);
        Assert.DoesNotContain(e.Message, char.IsControl);
        Assert.Empty(SourceImages.Entries(csv.Data));
    }

    [Theory]
    [MemberData(nameof(ArchiveKinds))]
    public void FolderImporters_GivenAnArchive_SayUnpackIt(string kind)
    {
        using var dir = new TempDir();
        var archive = dir["CK+." + kind];
        File.WriteAllText(dir["x.txt"], "x");
        Archives.Write(archive, kind, dir["x.txt"]);
        foreach (var import in new Func<ImportOptions, ImportResult>[] { CkPlusImporter.Import, OuluCasiaImporter.Import, SfewImporter.Import,
                     o => FolderImporter.Import(o, new FolderOptions()) })
        {
            var e = Assert.Throws<InvalidDataException>(() => import(new ImportOptions(archive, dir["data"])));
            Assert.Contains("not a folder: unpack it and point at", e.Message);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
