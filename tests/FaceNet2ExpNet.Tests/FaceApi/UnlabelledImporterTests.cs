using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Importers;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>
/// `data-prep import unlabelled`: a folder of real photos, in any sub-folders, aligned as labelled sets are, becomes a
/// prepared set of unlabelled faces (no classes, no folds) that stage 1 can regress and nothing can train or test on.
/// </summary>
public class UnlabelledImporterTests(FaceApiNets nets) : IClassFixture<FaceApiNets>
{
    [Fact]
    public void Real_photos_in_any_folders_become_unlabelled_faces_with_subjects_and_nothing_else()
    {
        using var tmp = new TempDir();
        var photos = FaceApiReference.Load().Images;   // face-api's demo photos: real faces
        Directory.CreateDirectory(tmp["my faces/happy"]);
        Directory.CreateDirectory(tmp["my faces/2024"]);
        File.Copy(photos[0].Path, tmp["my faces/happy/P01_a.png"]);   // a folder's name is not a class here
        File.Copy(photos[1].Path, tmp["my faces/2024/P02_b.png"]);
        File.Copy(photos[1].Path, tmp["my faces/P02_c.png"]);
        File.WriteAllBytes(tmp["my faces/P03_blank.png"], ImageEncoder.Png(Enumerable.Repeat((byte)90, 64 * 48 * 3).ToArray(), 64, 48));
        File.WriteAllText(tmp["my faces/notes.txt"], "who is who");
        using var aligner = new FaceApiAligner(nets.Pipeline);

        var result = UnlabelledImporter.Import(new ImportOptions(tmp["my faces"], tmp["data"]) { ImageSize = 64, Aligner = aligner }, new FolderOptions());

        var faces = result.Datasets.Single();
        Assert.Equal(("my-faces", Protocol.Unlabelled, 0, 0), (faces.Info.Name, faces.Info.Protocol, faces.Classes.Count, faces.FoldCount));
        Assert.Equal(["P01", "P02", "P02"], faces.Rows.Select(r => r.Subject).Order(StringComparer.Ordinal));
        Assert.All(faces.Rows, r => Assert.Equal((-1, -1), (r.Label, r.TestFold)));
        Assert.Equal("my-faces: 3 images, 2 subjects, unlabelled (for stage 1 only: --set stage1.unlabelled=my-faces), 64px", CheckCommand.Summary(faces));
        Assert.Contains(result.Summary, l => l.StartsWith("my-faces: 3 unlabelled images of 2 subjects from ") && l.EndsWith("--set stage1.unlabelled=my-faces"));
        Assert.Contains(result.Summary, l => l.Contains("P03_blank.png: no face"));   // skipped and listed, as by import folder
        Assert.Contains(result.Summary, l => l.StartsWith("1 file(s) that are not images ignored (e.g. notes.txt)"));

        // Aligned like a labelled set: each stored image is the face, at the size asked for.
        using var images = PreparedDataset.OpenAny(faces.Root).Load(64);
        Assert.Equal([3L, 3, 64, 64], images.Images.shape);
        // Nothing may train or test on it: one line saying what it is for.
        var refused = Assert.Throws<DatasetFormatException>(() => PreparedDataset.Open(faces.Root));
        Assert.Contains("holds unlabelled faces", refused.Message);
        Assert.EndsWith("--set stage1.unlabelled=my-faces.", refused.Message);
    }
}

/// <summary>`data-prep import unlabelled` as typed: what cannot be imported is one line, before anything is written.</summary>
[Collection("Console")]
public class UnlabelledImportCommandTests
{
    [Fact]
    public void Through_the_command_line_a_folder_without_images_and_a_file_without_a_subject_are_one_line_each()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["empty/sub"]);
        File.WriteAllText(tmp["empty/readme.txt"], "nothing here");
        var (code, _, err) = DataPrepCli.Run(ImportCommand.Create(), "unlabelled", "--source", tmp["empty"], "--data", tmp["data"]);
        Assert.Equal(2, code);
        Assert.Contains("no image files in it or below it", err);
        Assert.DoesNotContain("   at ", err);

        Directory.CreateDirectory(tmp["phone"]);
        File.Copy(FaceApiReference.Load().Images[0].Path, tmp["phone/IMG_0001.png"]);
        (code, _, err) = DataPrepCli.Run(ImportCommand.Create(), "unlabelled", "--source", tmp["phone"], "--data", tmp["data"]);
        Assert.Equal(2, code);
        Assert.Contains("IMG_0001.png", err);
        Assert.Contains("--no-subjects", err);
        Assert.False(Directory.Exists(tmp["data/phone"]));

        (code, var stdout, err) = DataPrepCli.Run(ImportCommand.Create(), "unlabelled", "--source", tmp["phone"], "--data", tmp["data"], "--no-subjects", "--size", "32");
        Assert.True(code == 0, err);
        Assert.Contains("note: --no-subjects: fn2en cannot check that none of these people is in the dataset they join", stdout);
        Assert.Equal(Protocol.Unlabelled, PreparedDataset.OpenAny(tmp["data/phone"]).Info.Protocol);
    }
}
