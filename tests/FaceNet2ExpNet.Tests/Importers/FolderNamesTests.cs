using System.Diagnostics;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Importers;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// `import folder` on the names people's trees carry: file names that hold no subject (1.png, KDEF's AF01ANS.JPG, a
/// camera's IMG_/DSC_), names with control characters, newlines or bytes that are not UTF-8, empty class folders, and a
/// class met only in test/.
/// </summary>
public class FolderNamesTests
{
    private static ImportResult Import(string root, string data, FolderOptions? f = null, List<string>? progress = null) =>
        FolderImporter.Import(new ImportOptions(root, data) { ImageSize = 16, Aligner = FaceImages.AsDistributed, Progress = progress is null ? null : new Collect(progress) },
            f ?? new FolderOptions());

    private sealed class Collect(List<string> lines) : IProgress<string> { public void Report(string value) => lines.Add(value); }

    [Theory]
    [InlineData("1.png", "the whole name '1' would be the subject")]                          // numbered photos: every image its own "subject"
    [InlineData("AF01ANS.JPG", "the whole name 'AF01ANS' would be the subject")]              // KDEF: the same person in every fold
    [InlineData("IMG_0001.jpg", "'IMG' is the prefix a camera or phone gives every photo")]
    [InlineData("DSC_0042.jpg", "'DSC' is the prefix a camera or phone gives every photo")]
    public void FileNamesWithoutASubject_AreAnErrorNamingTheFile_NotFoldsThatOnlyClaimSubjectIndependence(string first, string expected)
    {
        using var dir = new TempDir();
        // Two "subjects" would be read (the name and another), so before this check the import succeeded with 2 folds.
        SourceImages.Write(dir[$"src/happy/{first}"], 1, 2, 3);
        SourceImages.Write(dir["src/sad/p02_x.png"], 4, 5, 6);
        var e = Assert.Throws<InvalidDataException>(() => Import(dir["src"], dir["data"]));
        Assert.StartsWith(dir[$"src/happy/{first}"] + ": no subject in the file name", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains("--subject-regex", e.Message);
        Assert.Empty(SourceImages.Entries(dir["data"]));

        var regex = first == "AF01ANS.JPG" ? new SubjectNames(@"^(?<subject>[AB][FM]\d\d)|^(?<subject>p\d\d)") : null;
        var ds = Import(dir["src"], dir["data"], regex is null ? new FolderOptions(NoSubjects: true) : new FolderOptions(Subjects: regex)).Datasets.Single();
        Assert.Equal(2, ds.Rows.Count);
        if (regex is not null) Assert.Equal(["AF01", "p02"], ds.Rows.Select(r => r.Subject).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASubjectRegexThatBacktracksWithoutEnd_IsOneClearError_NotAnUnhandledTimeout()
    {
        using var dir = new TempDir();
        foreach (var c in new[] { "happy", "sad" }) SourceImages.Write(dir[$"src/{c}/{new string('a', 40)}_{c}.png"], 1, 2, 3);
        var e = Assert.Throws<ArgumentException>(() => Import(dir["src"], dir["data"], new FolderOptions(Subjects: new SubjectNames(@"^(?<subject>(a+)+)\.png$"))));
        Assert.Contains("took over 1 s (nested quantifiers such as (a+)+ backtrack without end); simplify it", e.Message);
        Assert.Empty(SourceImages.Entries(dir["data"]));
    }

    [Fact]
    public void ClassFolderWithControlCharacters_IsRefused_EscapedInTheMessage()
    {
        using var dir = new TempDir();
        SourceImages.Write(dir["src/happy/p01_a.png"], 1, 2, 3);
        SourceImages.Write(dir["src/sad\u001b[2J/p02_a.png"], 4, 5, 6);
        var e = Assert.Throws<InvalidDataException>(() => Import(dir["src"], dir["data"]));
        Assert.Contains("the class folder's name 'sad\\x1B[2J' holds control characters", e.Message);
        Assert.Empty(SourceImages.Entries(dir["data"]));
    }

    [Fact]
    public void FileNamesWithControlCharactersOrNewlines_AreStoredUnderSafeNames_AndNothingRawIsPrinted()
    {
        using var dir = new TempDir();
        foreach (var c in new[] { "happy", "sad" })
        {
            SourceImages.Write(dir[$"src/{c}/p\u001b[31mred_1.png"], 10, 20, 30);
            SourceImages.Write(dir[$"src/{c}/p3_line\nbreak.png"], 40, 50, 60);
            SourceImages.Write(dir[$"src/{c}/p3_line_break.png"], 70, 80, 90);   // what the one above becomes: kept apart
            SourceImages.Write(dir[$"src/{c}/zoë_2.png"], 1, 2, 3);
            File.WriteAllText(dir[$"src/{c}/p4\u001b]0;title\u0007_x.png"], "not a png");
        }
        var progress = new List<string>();
        var result = Import(dir["src"], dir["data"], new FolderOptions(NoSubjects: true), progress);
        var ds = result.Datasets.Single();   // before: the newline split a manifest row and the import failed on its own manifest
        Assert.Equal(8, ds.Rows.Count);
        Assert.Contains(ds.Rows, r => r.Path == "images/happy/p_[31mred_1.png");
        Assert.Contains(ds.Rows, r => r.Path == "images/sad/zoë_2.png");
        Assert.All(ds.Rows, r => Assert.DoesNotContain(r.Path + r.Subject, char.IsControl));
        // "p3_line\nbreak" and "p3_line_break" both become p3_line_break…: two files, both kept.
        var lineBreaks = ds.Rows.Where(r => r.Path.StartsWith("images/happy/p3_line_break", StringComparison.Ordinal)).ToList();
        Assert.Equal([40, 70], lineBreaks.Select(r => (int)SourceImages.FirstPixel(Path.Combine(ds.Root, r.Path)).R).Order());
        // The skipped files are listed once each, escaped, without the file name repeated in the reason.
        var listed = result.Summary.Where(l => l.Contains("p4")).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, l => Assert.Contains("p4\\x1B]0;title\\x07_x.png: could not be decoded as an image (it is a text file", l));
        Assert.All(listed, l => Assert.Single(System.Text.RegularExpressions.Regex.Matches(l, "p4")));
        Assert.All(result.Summary.Concat(progress), l => Assert.DoesNotContain(l, char.IsControl));
        Assert.Contains("src: wrote 8 of 10 images, 2 skipped", progress);   // before: "wrote 10/10 images"
    }

    [Fact]
    public void FileNameThatIsNotUtf8_IsSkippedAndListed_NotACouldNotFindFileError()
    {
        using var dir = new TempDir();
        SourceImages.Write(dir["src/happy/p01_a.png"], 1, 2, 3);
        SourceImages.Write(dir["src/sad/p02_a.png"], 4, 5, 6);
        // .NET writes names as UTF-8, so the shell makes the name with bytes 0xFF 0xFE (as a Latin-1 archive leaves them).
        using (var sh = Process.Start(new ProcessStartInfo("sh", ["-c", "cp p02_a.png \"$(printf 'bad\\377\\376_3.png')\""]) { WorkingDirectory = dir["src/sad"] })!) sh.WaitForExit();
        Assert.Equal(3, Directory.GetFiles(dir["src/sad"]).Length + Directory.GetFiles(dir["src/happy"]).Length);
        var result = Import(dir["src"], dir["data"], new FolderOptions(NoSubjects: true));
        Assert.Equal(2, result.Datasets.Single().Rows.Count);
        Assert.Contains(result.Summary, l => l.Contains("bad\uFFFD\uFFFD_3.png: could not be read: its name is not valid UTF-8") && l.Contains("rename the file"));
    }

    [Fact]
    public void EmptyClassFolders_MakeNoClass_AndAreSaidSo()
    {
        using var dir = new TempDir();
        foreach (var c in new[] { "happy", "sad" }) SourceImages.Write(dir[$"src/{c}/p01_{c}.png"], 1, 2, 3);
        foreach (var c in new[] { "happy", "sad" }) SourceImages.Write(dir[$"src/{c}/p02_{c}.png"], 1, 2, 3);
        Directory.CreateDirectory(dir["src/angry"]);
        Directory.CreateDirectory(dir["src/disgust"]);
        File.WriteAllText(dir["src/disgust/.keep"], "");
        var result = Import(dir["src"], dir["data"]);
        var ds = result.Datasets.Single();
        Assert.Equal(["happy", "sadness"], ds.Classes);
        Assert.Equal(["happy", "sad"], ds.Info.Extra!["classFolders"].EnumerateObject().Select(p => p.Name));   // before: angry and disgust too
        Assert.Equal(["angry", "disgust"], ds.Info.Extra["emptyClassFolders"].EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("note: 2 class folder(s) without images made no class: angry/, disgust/", result.Summary);
        Assert.DoesNotContain(result.Summary, l => l.StartsWith("  class folders:") && l.Contains("angry"));
    }

    [Fact]
    public void ASourceInsideTheDataFolder_IsNeverReplacedByItsOwnDataset()
    {
        using var dir = new TempDir();
        foreach (var c in new[] { "happy", "sad" }) foreach (var s in new[] { "p01", "p02" }) SourceImages.Write(dir[$"data/faces/{c}/{s}_{c}.png"], 1, 2, 3);
        var before = SourceImages.Entries(dir["data/faces"]);
        // The default name is the source folder's: data/faces, the source itself (before: replaced, the images lost).
        var e = Assert.Throws<InvalidDataException>(() => Import(dir["data/faces"], dir["data"]));
        Assert.Contains("already exists and is not a prepared dataset (no dataset.json), so it is not replaced", e.Message);
        Assert.Equal(before, SourceImages.Entries(dir["data/faces"]));
        Assert.Equal(["faces"], Directory.GetFileSystemEntries(dir["data"]).Select(Path.GetFileName));   // no staging left

        var ds = Import(dir["data/faces"], dir["data"], new FolderOptions(Name: "faces-prepared")).Datasets.Single();
        Assert.Equal(4, ds.Rows.Count);
        Assert.Equal(4, Import(dir["data/faces"], dir["data"], new FolderOptions(Name: "faces-prepared")).Datasets.Single().Rows.Count);   // a dataset is replaced
    }

    [Fact]
    public void JaffeAndKdefCodeFolders_MapToTheProjectsClasses()
    {
        using var dir = new TempDir();
        foreach (var code in new[] { "AN", "DI", "FE", "HA", "NE", "SA", "SU" })
        foreach (var s in new[] { "KA", "KL" })
            SourceImages.Write(dir[$"src/{code}/{s}.{code}1.39.png"], 1, 2, 3);
        var ds = Import(dir["src"], dir["data"]).Datasets.Single();
        Assert.Equal(ExpressionNames.Basic7, ds.Classes);
        Assert.Equal("fear", ds.Info.Extra!["classFolders"].GetProperty("FE").GetString());
    }

    [Fact]
    public void ClassFoldersThatNameNoExpression_AreNoted()
    {
        using var dir = new TempDir();
        // import folder pointed at CK+'s cohn-kanade-images/: a folder per subject, each made a "class".
        foreach (var s in new[] { "S005", "S010", "S011" }) foreach (var k in new[] { 1, 2 }) SourceImages.Write(dir[$"src/{s}/001/{s}_001_{k:00000000}.png"], 1, 2, 3);
        var result = Import(dir["src"], dir["data"]);
        Assert.Contains(result.Summary, l => l.StartsWith("note: no class folder is named after an expression (S005, S010, S011)"));

        using var own = new TempDir();
        foreach (var c in new[] { "happy", "smirk" }) foreach (var s in new[] { "p01", "p02" }) SourceImages.Write(own[$"src/{c}/{s}_{c}.png"], 1, 2, 3);
        Assert.DoesNotContain(Import(own["src"], own["data"]).Summary, l => l.StartsWith("note: no class folder"));
    }

    [Fact]
    public void AClassOnlyInTest_IsAnError_ItCouldNeverBePredicted()
    {
        using var dir = new TempDir();
        foreach (var c in new[] { "happy", "sad" })
        {
            SourceImages.Write(dir[$"src/train/{c}/p01_{c}.png"], 1, 2, 3);
            SourceImages.Write(dir[$"src/test/{c}/p02_{c}.png"], 1, 2, 3);
        }
        SourceImages.Write(dir["src/test/Angry/p03_a.png"], 1, 2, 3);
        var e = Assert.Throws<InvalidDataException>(() => Import(dir["src"], dir["data"]));
        Assert.Contains("class 'anger' (test/Angry/) has no training images", e.Message);
        Assert.Empty(SourceImages.Entries(dir["data"]));
    }
}
