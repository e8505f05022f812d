using System.Diagnostics;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Tests.Fixtures.Images;
using Xunit.Abstractions;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// The layouts and faults people meet, as a new user meets them: a generated tree, the built data-prep run on it in a
/// fresh working folder, and either a prepared dataset or exit code 2 with exactly one clear line on stderr (no control
/// characters) and nothing left under data/.
/// </summary>
public class ImportBatteryTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new()
    {
        "ck48", "fer2013-image-folders", "fer2013-image-folders-no-subjects", "own-set-every-format", "jaffe-sorted-tiff", "affect-train-val",
        "ck-plus", "sfew-nested-val", "oulu-crops-only", "fer2013-challenge-folder", "ferplus", "align-tiff",
        "jaffe-flat", "one-subject", "folder-tar-gz", "fer2013-tar-gz", "fer2013-tar-without-extension", "ck-plus-missing-frames",
        "fer2013-binary-header", "all-corrupt", "missing-source", "align-other-size", "ck-plus-zip",
        "ck-plus-frames-missing-before-peak", "kdef-without-regex", "camera-file-names", "control-characters-in-names", "class-only-in-test",
        "data-folder-not-writable",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        using var dir = new TempDir();
        var (args, expected) = Build(name, dir);
        var (code, stdout, stderr) = DataPrep(dir.Path, args);
        output.WriteLine($"{name}: data-prep {string.Join(' ', args.Select(a => a.Replace(dir.Path, ".")))} → exit {code}");
        output.WriteLine(code == 0 ? stdout.Split('\n').LastOrDefault(l => l.Contains("ready in") || l.StartsWith("[align]")) : stderr.TrimEnd());
        Assert.DoesNotContain(stderr, c => char.IsControl(c) && c is not ('\n' or '\r'));
        Assert.DoesNotContain(stdout, c => char.IsControl(c) && c is not ('\n' or '\r'));   // file and folder names are printed escaped
        if (expected.StartsWith("error: ", StringComparison.Ordinal))
        {
            Assert.True(code == 2, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("data-prep: error: ", line);
            Assert.Contains(expected["error: ".Length..], line);
            Assert.Empty(Directory.Exists(dir["data"]) ? Directory.GetFileSystemEntries(dir["data"]) : []);
        }
        else
        {
            Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
            Assert.Contains(expected, stdout);
        }
    }

    private static (string[] Args, string Expected) Build(string name, TempDir dir)
    {
        var src = dir["src"];
        string[] Import(string what, params string[] more) => ["import", what, "--source", src, "--data", dir["data"], "--size", "32", .. more];
        switch (name)
        {
            case "ck48": LayoutTrees.Ck48(dir["src/CK+48"]); return (Import("folder"), "ck+48 ready in");
            case "fer2013-image-folders": LayoutTrees.Fer2013ImageFolders(src); return (Import("folder", "--name", "fer2013-images"), "note: only 2 distinct subjects");
            case "fer2013-image-folders-no-subjects": LayoutTrees.Fer2013ImageFolders(src); return (Import("folder", "--no-subjects"), "src ready in");
            case "own-set-every-format": LayoutTrees.OwnSet(src); return (Import("folder", "--folds", "4", "--name", "mine"), "1 image file(s) skipped");
            case "jaffe-sorted-tiff":
                foreach (var (c, code) in new[] { ("angry", "AN"), ("happy", "HA"), ("neutral", "NE") })
                foreach (var s in new[] { "KA", "KL", "KM", "KR" })
                    TiffFile.Write(Path.Combine(src, "jaffe", c, $"{s}.{code}1.{s.Length * 10 + code[0]}.tiff"), new Pattern(), TiffFile.Kind.Palette);
                return (Import("folder", "--name", "jaffe"), "4 subject-independent folds by ascending subject ID (4 subjects; fewer than the 10 asked for");
            case "affect-train-val":
                foreach (var (split, n) in new[] { ("train", 3), ("val", 1) })
                foreach (var c in new[] { "Neutral", "Happiness", "Contempt", "Sadness" })
                for (var i = 0; i < n; i++) SourceImages.Write(Path.Combine(src, split, c, $"{split}_{c}_{i}.jpg"), 90, 60, 30);
                return (Import("folder", "--no-subjects"), "train 12, valid 0, test 4");
            case "ck-plus": return (CkPlus(dir, src, damage: false), "ck-plus6 ready in");
            case "ck-plus-missing-frames": return (CkPlus(dir, src, damage: true), "error: labels frame 8, but the sequence's last image is frame 7");
            case "ck-plus-frames-missing-before-peak":
                using (var tree = new CkPlusTree())
                {
                    File.Delete(tree.Frame("S022", "001", 7));
                    CopyTree(tree.Root, src);
                }
                return (["import", "ck-plus", "--source", src, "--data", dir["data"], "--size", "32", "--aligner", "centre-crop"],
                        "error: the last three images are frames 5, 6 and 8, not 6, 7 and 8: frame 7 is missing");
            case "kdef-without-regex":
                foreach (var (c, e) in new[] { ("angry", "AN"), ("happy", "HA") })
                foreach (var s in new[] { "AF01", "AM02" }) SourceImages.Write(Path.Combine(src, c, $"{s}{e}S.JPG"), 1, 2, 3);
                return (Import("folder"), "error: no subject in the file name (no '_', '.' or '-' after a leading token, so the whole name 'AF01ANS' would be");
            case "camera-file-names":
                foreach (var c in new[] { "happy", "sad" }) { SourceImages.Write(Path.Combine(src, c, "IMG_0001.jpg"), 1, 2, 3); SourceImages.Write(Path.Combine(src, c, "DSC_0002.jpg"), 1, 2, 3); }
                return (Import("folder"), "error: no subject in the file name ('DSC' is the prefix a camera or phone gives every photo");
            case "control-characters-in-names":
                foreach (var c in new[] { "happy", "sad" })
                {
                    SourceImages.Write(Path.Combine(src, c, "p1\u001b[31m_a.png"), 1, 2, 3);
                    SourceImages.Write(Path.Combine(src, c, "p2_line\nbreak.png"), 1, 2, 3);
                    File.WriteAllText(Path.Combine(src, c, "p3\u001b]0;title\u0007_a.png"), "not a png");
                }
                return (Import("folder", "--no-subjects"), "p3\\x1B]0;title\\x07_a.png: could not be decoded as an image");
            case "data-folder-not-writable":   // /sys refuses new folders even to root (before: unhandled exception, stack trace, exit 134)
                LayoutTrees.Ck48(src);
                return (["import", "folder", "--source", src, "--data", "/sys/kernel/fn2en-data"], "error: /sys/kernel/fn2en-data");   // 'Access … denied' or 'Read-only file system', by kernel
            case "class-only-in-test":
                foreach (var c in new[] { "happy", "sad" }) { SourceImages.Write(Path.Combine(src, "train", c, $"p1_{c}.png"), 1, 2, 3); SourceImages.Write(Path.Combine(src, "test", c, $"p2_{c}.png"), 1, 2, 3); }
                SourceImages.Write(Path.Combine(src, "test", "contempt", "p3_c.png"), 1, 2, 3);
                return (Import("folder"), "error: class 'contempt' (test/contempt/) has no training images");
            case "sfew-nested-val":
                using (var tree = new SfewTree())
                {
                    CopyTree(Path.Combine(tree.Root, "Train"), Path.Combine(src, "Train"));
                    CopyTree(Path.Combine(tree.Root, "Val"), Path.Combine(src, "Val", "Val_Aligned_Faces_new", "Val_Aligned_Faces"));
                }
                return (Import("sfew"), "sfew ready in");
            case "oulu-crops-only":
                using (var tree = new OuluCasiaTree()) CopyTree(tree.Strong, Path.Combine(src, "PreProcess", "VL_Acropped", "Strong"));
                return (Import("oulu-casia"), "(normalisation: Oulu-CASIA's own face crops");
            case "fer2013-challenge-folder":
                using (var csv = new Fer2013Csv())
                {
                    Directory.CreateDirectory(src);
                    File.Copy(csv.File, Path.Combine(src, "icml_face_data.csv"));
                }
                return (Import("fer2013"), "fer2013 ready in");
            case "ferplus":
                using (var csv = new Fer2013Csv())
                {
                    Directory.CreateDirectory(src);
                    File.Copy(csv.File, Path.Combine(src, "fer2013.csv"));
                    File.WriteAllLines(Path.Combine(src, "fer2013new.csv"), ["Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF",
                        .. Enumerable.Range(0, Fer2013Csv.Faces).Select(i => $"{Fer2013Csv.Usages[i % 4]},fer{i:0000000}.png,{(i % 3 == 0 ? "5,5" : "9,1")},0,0,0,0,0,0,0,0")]);
                }
                return (Import("fer2013", "--ferplus", Path.Combine(src, "fer2013new.csv")), "no majority 5");
            case "align-tiff":
                TiffFile.Write(Path.Combine(src, "KA.AN1.39.tiff"), new Pattern(), TiffFile.Kind.Palette);
                File.WriteAllBytes(Path.Combine(src, "phone.jpg"), JpegFile.Write(new Pattern(), JpegFile.Kind.YCbCr, exifOrientation: 6));
                return (["align", src, dir["aligned"], "--aligner", "centre-crop", "--size", "32"], "[align] 2 aligned, 0 already there");
            case "align-other-size":
                TiffFile.Write(Path.Combine(src, "KA.AN1.39.tiff"), new Pattern(), TiffFile.Kind.Palette);
                Directory.CreateDirectory(dir["aligned"]);
                File.WriteAllText(dir["aligned/alignment.txt"], "centre-crop (no face detection)\nsize 256\n");
                SourceImages.Write(dir["aligned/KA.AN1.39.png"], 1, 2, 3, width: 256, height: 256);   // a face of that earlier run
                return (["align", src, dir["aligned"], "--aligner", "centre-crop", "--size", "32"], "error: holds faces aligned with other settings");
            case "jaffe-flat":
                foreach (var n in new[] { "KA.AN1.39.tiff", "KA.HA1.29.tiff" }) TiffFile.Write(Path.Combine(src, n), new Pattern(), TiffFile.Kind.Grey);
                return (Import("folder"), "error: no class folders in it");
            case "one-subject":
                foreach (var c in new[] { "happy", "sad" }) SourceImages.Write(Path.Combine(src, c, "KA_0001.jpg"), 1, 2, 3);
                return (Import("folder"), "error: have the subject 'KA'");
            case "folder-tar-gz":
                LayoutTrees.Ck48(dir["tree/CK+48"]);
                Archives.Write(dir["CK+48.tar.gz"], "tar.gz", Directory.GetFiles(dir["tree/CK+48/anger"])[0]);
                return (["import", "folder", "--source", dir["CK+48.tar.gz"], "--data", dir["data"]], "error: is a gzip-compressed tar archive (.tar.gz), not a folder: unpack it");
            case "fer2013-tar-gz" or "fer2013-tar-without-extension":
                using (var csv = new Fer2013Csv())
                {
                    var archive = dir[name == "fer2013-tar-gz" ? "fer2013.tar.gz" : "fer2013"];
                    Archives.Write(archive, name == "fer2013-tar-gz" ? "tar.gz" : "tar", csv.File);
                    return (["import", "fer2013", "--source", archive, "--data", dir["data"]], "error: unpack it and point at fer2013.csv");
                }
            case "fer2013-binary-header":
                Directory.CreateDirectory(src);
                File.WriteAllText(Path.Combine(src, "fer2013.csv"), "emo\u001b[31mtion\u0007,pixels\n0,1 2 3 4,Training\n");
                return (Import("fer2013"), "error: no 'emotion' column (header: 'emo\\x1B[31mtion\\x07,pixels')");
            case "all-corrupt":
                foreach (var c in new[] { "happy", "sad" }) { Directory.CreateDirectory(Path.Combine(src, c)); File.WriteAllText(Path.Combine(src, c, "s1_a.jpg"), "oops"); File.WriteAllText(Path.Combine(src, c, "s2_a.jpg"), "oops"); }
                return (Import("folder"), "error: nothing usable: none of the 4 images could be used");
            case "missing-source": return (Import("folder"), "error: folder not found");
            case "ck-plus-zip":
                File.WriteAllText(dir["x.txt"], "x");
                Archives.Write(dir["extended-cohn-kanade-images.zip"], "zip", dir["x.txt"]);
                return (["import", "ck-plus", "--source", dir["extended-cohn-kanade-images.zip"], "--data", dir["data"], "--aligner", "centre-crop"],
                        "error: is a zip archive, not a folder: unpack it and point at the folder it unpacks to (the CK+ root");
            default: throw new ArgumentException(name);
        }
    }

    private static string[] CkPlus(TempDir dir, string src, bool damage)
    {
        using var tree = new CkPlusTree();
        if (damage) File.Delete(tree.Frame("S022", "001", 8));
        CopyTree(tree.Root, src);
        return ["import", "ck-plus", "--source", src, "--data", dir["data"], "--size", "32", "--aligner", "centre-crop"];
    }

    private static (int Code, string Out, string Err) DataPrep(string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repo.Tool("data-prep", "data-prep"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
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
