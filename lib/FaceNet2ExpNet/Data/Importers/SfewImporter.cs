using System.Text.Json;
using System.Text.RegularExpressions;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// SFEW 2.0 (Dhall et al., EmotiW 2015) → data/sfew. The aligned faces of Train and Val, one folder per expression
/// (Angry, Disgust, Fear, Happy, Neutral, Sad, Surprise). The paper's protocol (Sec. IV-F): train on Train, report on
/// Val (the test labels are not public), seven classes; one fixed split.
/// </summary>
public static partial class SfewImporter
{
    public static string Name => Reporting.PaperDatasets.Sfew.Key;

    public const string Layout = "Train/<Expression>/*.png and Val/<Expression>/*.png (Expression: Angry, Disgust, Fear, Happy, Neutral, Sad, Surprise)";

    /// <summary>Where each part's aligned faces may be, in order of preference: the archives unpack as Train_Aligned_Faces/…</summary>
    private static readonly (string Part, SplitRole Role, string[] Candidates)[] Parts =
    [
        ("Train", SplitRole.Train, ["Train/Train_Aligned_Faces", "Train_Aligned_Faces", "Train"]),
        ("Val", SplitRole.Test, ["Val/Val_Aligned_Faces", "Val_Aligned_Faces_new", "Val_Aligned_Faces", "Val"]),
    ];

    /// <summary>One face: which part it is in, its class, its file.</summary>
    public sealed record Face(string Part, SplitRole Role, string Folder, string Expression, string File);

    /// <summary>All faces of Train and Val; errors name the folder at fault.</summary>
    public static List<Face> Scan(string root)
    {
        SourceTree.RequireFolder(root, $"the SFEW 2.0 root ({Layout})");
        var faces = new List<Face>();
        foreach (var (part, role, candidates) in Parts)
        {
            var folder = candidates.Select(c => SourceTree.Find(root, c)).FirstOrDefault(f => f is not null && HasExpressionFolders(f))
                ?? Nested(root, part)
                ?? throw new DirectoryNotFoundException($"{root}: not an SFEW 2.0 root: no '{part}' folder with expression folders in it " +
                                                        $"(looked for {string.Join(", ", candidates)} and below them). Expected {Layout}; " +
                                                        $"found {SourceTree.Listing(root)}.{SourceTree.ArchivesNote(root)}");
            foreach (var expressionFolder in SourceTree.Folders(folder))
            {
                var expression = ExpressionNames.FromFolder(Path.GetFileName(expressionFolder));
                if (expression is null || !ExpressionNames.Basic7.Contains(expression))
                    throw new InvalidDataException($"{expressionFolder}: '{Path.GetFileName(expressionFolder)}' is not one of SFEW's expression folders (Angry, Disgust, Fear, Happy, Neutral, Sad, Surprise).");
                faces.AddRange(SourceTree.Images(expressionFolder).Select(f => new Face(part, role, Path.GetFileName(expressionFolder), expression, f)));
            }
            if (!faces.Any(f => f.Part == part)) throw new InvalidDataException($"{folder}: no face images in its expression folders.");
        }
        return faces;
    }

    /// <summary>The film a face comes from, from SFEW's file names (Airheads_000519240_00000005.png → Airheads); else the file name.</summary>
    public static string Clip(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var m = ClipName().Match(stem);
        return m.Success ? m.Groups[1].Value : stem;
    }

    /// <summary>Writes data/sfew; returns it with its counts beside Table II.</summary>
    public static ImportResult Import(ImportOptions o)
    {
        var faces = Scan(o.Source);
        var info = new DatasetInfo
        {
            Name = Name, Classes = ExpressionNames.Basic7, Protocol = Protocol.Splits, Folds = 1, ImageSize = o.ImageSize,
            Source = $"SFEW 2.0 (EmotiW 2015), {Path.GetFullPath(o.Source)}: aligned faces; Train → train, Val → test",
            Normalisation = $"as distributed (faces aligned by SFEW's authors), central square resized to {o.ImageSize}×{o.ImageSize}",
            Extra = new Dictionary<string, JsonElement>
            {
                ["train"] = JsonSerializer.SerializeToElement(faces.Count(f => f.Role == SplitRole.Train)),
                ["test"] = JsonSerializer.SerializeToElement(faces.Count(f => f.Role == SplitRole.Test)),
                ["subject"] = JsonSerializer.SerializeToElement("the film named in the file name (SFEW has no subject IDs)"),
            },
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(o.DataRoot, Name), info);
        string PathOf(Face f) => $"images/{f.Part}/{f.Folder}/{SafeText.ForPath(Path.GetFileNameWithoutExtension(f.File))}.png";
        // SFEW's faces are independent stills: one that cannot be decoded is skipped and listed, not fatal.
        var skipped = FaceImages.Write(faces.Select(f => FaceImage.FromFile(f.File, PathOf(f), writer)).ToList(), FaceImages.AsDistributed,
            o.ImageSize, Name, o.Progress, skipUnusable: true);
        faces = faces.Where((_, i) => !skipped.ContainsKey(i)).ToList();
        foreach (var f in faces)
            writer.AddRow(PathOf(f), f.Expression, SafeText.ForPath(Clip(f.File)), SafeText.ForPath(Path.GetFileNameWithoutExtension(f.File)), 0, ManifestRow.RoleText(f.Role));
        info.Extra!["train"] = JsonSerializer.SerializeToElement(faces.Count(f => f.Role == SplitRole.Train));
        info.Extra["test"] = JsonSerializer.SerializeToElement(faces.Count(f => f.Role == SplitRole.Test));
        info.Extra["skipped"] = JsonSerializer.SerializeToElement(skipped.Values.Select(s => new Dictionary<string, string> { ["file"] = s.Source, ["reason"] = s.Reason }));
        var dataset = writer.Commit();

        var (train, test) = (faces.Count(f => f.Role == SplitRole.Train), faces.Count(f => f.Role == SplitRole.Test));
        var summary = new List<string>
        {
            $"{Name}: {dataset.Rows.Count} faces: Train {train} → train (paper: 891), Val {test} → test; 1 split",
        };
        summary.AddRange(ClassTable.Format(dataset.Classes, dataset.ClassCounts(), ClassTable.PaperTable2.Sfew, oursHeading: "ours"));
        summary.Add("  (Table II counts Train + Val together.)");
        summary.AddRange(FaceImages.Describe(skipped.Values));
        return new ImportResult([dataset], summary);
    }

    /// <summary>
    /// A part's faces nested deeper, as archives unpacked into a folder of the same name leave them
    /// (Val/Val_Aligned_Faces_new/Val_Aligned_Faces/Angry): the one folder up to three levels below a top folder named
    /// after the part that holds expression folders; several are an error listing them.
    /// </summary>
    private static string? Nested(string root, string part)
    {
        var found = new List<string>();
        void Walk(string folder, int depth)
        {
            if (HasExpressionFolders(folder)) { found.Add(folder); return; }
            if (depth < 3) foreach (var sub in SourceTree.Folders(folder)) Walk(sub, depth + 1);
        }
        foreach (var top in SourceTree.Folders(root).Where(f => Path.GetFileName(f).StartsWith(part, StringComparison.OrdinalIgnoreCase)))
            Walk(top, 1);
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new InvalidDataException($"{root}: several '{part}' folders hold expression folders ({string.Join(", ", found.Select(f => Path.GetRelativePath(root, f)))}); keep one."),
        };
    }

    private static bool HasExpressionFolders(string folder) =>
        SourceTree.Folders(folder).Any(d => ExpressionNames.FromFolder(Path.GetFileName(d)) is not null);

    [GeneratedRegex(@"^(.+?)_\d+_\d+$")]
    private static partial Regex ClipName();
}
