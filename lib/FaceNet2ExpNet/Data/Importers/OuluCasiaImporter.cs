using System.Globalization;
using System.Text.Json;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// Oulu-CASIA (Zhao et al. 2011), VIS camera, strong illumination → data/oulu-casia. The paper's protocol (Sec. IV-D):
/// the last three frames of each sequence (80 subjects × 6 expressions × 3 = 1440 images), six classes, ten
/// subject-independent folds (subjects cut into ten groups by ascending ID). The raw frames (OriginalImg/VL/Strong) are
/// aligned by the chosen aligner; the dataset's own face crops (PreProcess/VL_Acropped/Strong) are used as distributed
/// when asked for, or when they are all the copy holds, and dataset.json's normalisation says so.
/// </summary>
public static class OuluCasiaImporter
{
    public static string Name => Reporting.PaperDatasets.OuluCasia.Key;

    /// <summary>The part of the distribution the paper uses.</summary>
    public const string StrongVis = "OriginalImg/VL/Strong";

    public const string Layout = "OriginalImg/VL/Strong/Pxxx/<Expression>/nnn.jpeg (Expression: Anger, Disgust, Fear, Happiness, Sadness, Surprise)";

    /// <summary>Where the distribution's own face crops of the same sequences may be (the parent folder's name varies between copies).</summary>
    public static readonly string[] CropFolders = ["PreProcess/VL_Acropped/Strong", "PreProcessImg/VL_Acropped/Strong", "VL_Acropped/Strong"];

    /// <summary>One sequence: subject (P001), expression folder (Anger), class, frames in order.</summary>
    public sealed record Sequence(string Subject, string Folder, string Expression, (int Frame, string Path)[] Frames);

    /// <summary>All sequences under <paramref name="root"/>/OriginalImg/VL/Strong; errors name the folder at fault.</summary>
    public static List<Sequence> Scan(string root) => Scan(root, SourceTree.Require(root, StrongVis, "Oulu-CASIA", Layout));

    /// <summary>
    /// The folder to read: OriginalImg/VL/Strong, or the crops' VL_Acropped/Strong when <paramref name="crops"/> is set or
    /// the raw frames are absent; the second value says whether it holds the crops.
    /// </summary>
    public static (string Folder, bool Crops) Locate(string root, bool crops)
    {
        SourceTree.RequireFolder(root, $"the Oulu-CASIA root ({Layout})");
        var cropFolder = CropFolders.Select(c => SourceTree.Find(root, c)).FirstOrDefault(f => f is not null);
        if (crops)
            return (cropFolder ?? throw new DirectoryNotFoundException($"{root}: --crops, but no {string.Join(" or ", CropFolders)} in it (nor one level down); " +
                                                                        $"found {SourceTree.Listing(root)}.{SourceTree.ArchivesNote(root)}"), true);
        if (SourceTree.Find(root, StrongVis) is { } strong) return (strong, false);
        if (cropFolder is not null) return (cropFolder, true);
        return (SourceTree.Require(root, StrongVis, "Oulu-CASIA", Layout + $", or the face crops {CropFolders[0]}/…"), false);
    }

    private static List<Sequence> Scan(string root, string strong)
    {
        var sequences = new List<Sequence>();
        foreach (var subject in SourceTree.Folders(strong))
        foreach (var folder in SourceTree.Folders(subject))
        {
            var expression = ExpressionNames.FromFolder(Path.GetFileName(folder));
            if (expression is null || !ExpressionNames.Basic6.Contains(expression))
                throw new InvalidDataException($"{folder}: '{Path.GetFileName(folder)}' is not one of Oulu-CASIA's expression folders (Anger, Disgust, Fear, Happiness, Sadness, Surprise).");
            var frames = SourceTree.Frames(folder);
            if (frames.Length == 0) throw new InvalidDataException($"{folder}: empty sequence (no image files).");
            if (frames.Length < 3) throw new InvalidDataException($"{folder}: {frames.Length} frames; the protocol keeps the last 3.");
            sequences.Add(new Sequence(Path.GetFileName(subject), Path.GetFileName(folder), expression, frames));
        }
        if (sequences.Count == 0) throw new InvalidDataException($"{strong}: no sequences (expected {Layout}).");
        return sequences;
    }

    /// <summary>Writes data/oulu-casia; returns it with its counts beside Table II.</summary>
    public static ImportResult Import(ImportOptions o) => Import(o, crops: false);

    /// <summary>As <see cref="Import(ImportOptions)"/>; <paramref name="crops"/> reads the distribution's face crops instead of the raw frames.</summary>
    public static ImportResult Import(ImportOptions o, bool crops)
    {
        var (folder, useCrops) = Locate(o.Source, crops);
        var sequences = Scan(o.Source, folder);
        var aligner = useCrops ? FaceImages.AsDistributed : o.Aligner;
        var part = Path.GetRelativePath(o.Source, folder).Replace('\\', '/');
        var folds = SourceTree.FoldsByAscendingId(o.Source, sequences.Select(q => q.Subject));
        var info = new DatasetInfo
        {
            Name = Name, Classes = ExpressionNames.Basic6, Protocol = Protocol.KFold, Folds = 10, ImageSize = o.ImageSize,
            Source = $"Oulu-CASIA VIS, strong illumination, {Path.GetFullPath(o.Source)} ({part}): last 3 frames of each sequence",
            Normalisation = useCrops
                ? $"Oulu-CASIA's own face crops ({part}), central square resized to {o.ImageSize}×{o.ImageSize}; not aligned by data-prep"
                : o.Aligner.Name,
            Extra = new Dictionary<string, JsonElement>
            {
                ["sequences"] = JsonSerializer.SerializeToElement(sequences.Count),
                ["subjects"] = JsonSerializer.SerializeToElement(folds.Count),
            },
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(o.DataRoot, Name), info);
        var jobs = new List<FaceImage>();
        var rows = new List<(string Path, string Label, string Subject, string Sequence, int Frame)>();
        foreach (var q in sequences)
        foreach (var (frame, file) in q.Frames[^3..])
        {
            var path = $"images/{q.Subject}/{q.Folder}/{Path.GetFileNameWithoutExtension(file)}.png";
            jobs.Add(FaceImage.FromFile(file, path, writer));
            rows.Add((path, q.Expression, q.Subject, q.Folder, frame));
        }
        var detections = aligner.Detections;
        FaceImages.Write(jobs, aligner, o.ImageSize, Name, o.Progress);
        foreach (var r in rows) writer.AddRow(r.Path, r.Label, r.Subject, r.Sequence, r.Frame, folds[r.Subject].ToString(CultureInfo.InvariantCulture));
        var dataset = writer.Commit();

        var summary = new List<string>
        {
            $"{Name}: {dataset.Rows.Count} images from {sequences.Count} sequences of {folds.Count} subjects (last 3 frames; " +
            "paper: 1440 from 80 subjects); 10 subject-independent folds by ascending subject ID",
            useCrops ? $"  from the distribution's face crops {part} (as distributed, not aligned by data-prep; --aligner does not apply)"
                     : $"  from the raw frames {part}, normalised by: {o.Aligner.Name}",
        };
        summary.AddRange(ClassTable.Format(dataset.Classes, dataset.ClassCounts(), ClassTable.PaperTable2.OuluCasia,
            paperTotal: ClassTable.PaperTable2.PrintedTotal[Name]));
        if (FaceImages.DescribeDetections(aligner, detections, []) is { } found) summary.Add(found);
        summary.Add("  (Table II prints a total of 1444, but its row sums to 1440 = 6 × 240, the count Sec. IV-D gives.)");
        return new ImportResult([dataset], summary);
    }
}
