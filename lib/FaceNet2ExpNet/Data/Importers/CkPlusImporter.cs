using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// CK+ (Lucey et al. 2010) as distributed → data/ck-plus (8 classes, Table III second block) and data/ck-plus6 (6 classes,
/// first block). The paper's protocol (Sec. IV-C): from each sequence with an emotion label keep the first frame as
/// neutral and the last three with the sequence's emotion (1308 images from 327 sequences); ten folds by subject ID in
/// ascending order. Sequences without an emotion file are unlabelled and skipped.
/// </summary>
public static partial class CkPlusImporter
{
    public static string Name8 => Reporting.PaperDatasets.CkPlus.Key;
    public static string Name6 => Reporting.PaperDatasets.CkPlus6.Key;

    /// <summary>What a CK+ root holds, for error messages.</summary>
    public const string Layout = "cohn-kanade-images/Sxxx/nnn/Sxxx_nnn_0000000k.png and Emotion/Sxxx/nnn/Sxxx_nnn_0000000k_emotion.txt";

    /// <summary>CK+ emotion codes in *_emotion.txt: 0 neutral, 1 anger, 2 contempt, 3 disgust, 4 fear, 5 happy, 6 sadness, 7 surprise.</summary>
    public static readonly string[] EmotionCodes = ["neutral", "anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise"];

    /// <summary>One labelled sequence: subject (S005), sequence folder (001), its emotion, and its frames in order.</summary>
    public sealed record Sequence(string Subject, string Name, string Expression, (int Frame, string Path)[] Frames);

    /// <summary>The labelled sequences of a CK+ tree and how many sequences had no emotion file.</summary>
    public sealed record Tree(IReadOnlyList<Sequence> Labelled, int Unlabelled);

    /// <summary>Finds the labelled sequences under <paramref name="root"/>; errors name the folder or file at fault.</summary>
    public static Tree Scan(string root)
    {
        var images = SourceTree.Require(root, "cohn-kanade-images", "CK+", Layout);
        var emotion = SourceTree.Require(root, "Emotion", "CK+", Layout + " (Emotion_labels.zip unpacks to Emotion/)");
        foreach (var subject in SourceTree.Folders(emotion))
        foreach (var sequence in SourceTree.Folders(subject))
        {
            var frames = Path.Combine(images, Path.GetFileName(subject), Path.GetFileName(sequence));
            if (EmotionFiles(sequence).FirstOrDefault() is { } label && !Directory.Exists(frames))
                throw new InvalidDataException($"{label}: emotion label without an image sequence ({frames} does not exist).");
        }

        var labelled = new List<Sequence>();
        var unlabelled = 0;
        foreach (var subject in SourceTree.Folders(images))
        foreach (var sequence in SourceTree.Folders(subject))
        {
            var (s, q) = (Path.GetFileName(subject), Path.GetFileName(sequence));
            var labelFolder = Path.Combine(emotion, s, q);
            var labels = Directory.Exists(labelFolder) ? EmotionFiles(labelFolder) : [];
            if (labels.Length == 0) { unlabelled++; continue; }
            if (labels.Length > 1) throw new InvalidDataException($"{labelFolder}: {labels.Length} emotion files ({string.Join(", ", labels.Select(Path.GetFileName))}); a sequence has one.");
            var expression = EmotionCodes[ReadEmotion(labels[0])];
            var frames = SourceTree.Frames(sequence);
            if (frames.Length == 0) throw new InvalidDataException($"{sequence}: empty sequence (no image files), but {labels[0]} labels it.");
            if (frames.Length < 4) throw new InvalidDataException($"{sequence}: {frames.Length} frames; the CK+ protocol needs at least 4 (first + last 3).");
            CheckPeakFrame(sequence, labels[0], frames);
            labelled.Add(new Sequence(s, q, expression, frames));
        }
        if (labelled.Count == 0) throw new InvalidDataException($"{root}: no labelled sequence found (no *_emotion.txt under {emotion} matches a sequence under {images}).");
        return new Tree(labelled, unlabelled);
    }

    /// <summary>
    /// The emotion file names the sequence's peak frame (S005_001_00000011_emotion.txt → 11), which must be its last
    /// image, and the two frames before it must be there: when frames are missing (a damaged archive) or extra, the last
    /// three frames are not the labelled peak.
    /// </summary>
    private static void CheckPeakFrame(string sequence, string label, (int Frame, string Path)[] frames)
    {
        var m = LabelledFrame().Match(Path.GetFileName(label));
        var last = frames[^1].Frame;
        if (m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var peak) && peak != last)
            throw new InvalidDataException(
                $"{sequence}: the emotion file {SafeText.Escape(Path.GetFileName(label))} labels frame {peak}, but the sequence's last image is frame {last} " +
                $"({SafeText.Escape(Path.GetFileName(frames[^1].Path))}): {(peak > last ? "frames are missing" : "there are frames after the labelled peak")}, " +
                "so its last three frames are not the labelled ones. Restore the sequence from the original archive.");
        // Frames lost just before the peak (…07, …08, …11) would label frames far from the peak with the emotion.
        var kept = frames[^3..];
        var missing = Enumerable.Range(last - 2, 2).Where(f => kept.All(k => k.Frame != f)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"{sequence}: the last three images are frames {kept[0].Frame}, {kept[1].Frame} and {last}, not {last - 2}, {last - 1} and {last}: " +
                $"{(missing.Count == 1 ? "frame" : "frames")} {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing, so the " +
                "protocol's last three frames would not be the ones before the labelled peak. Restore the sequence from the original archive.");
    }

    [GeneratedRegex(@"_(\d+)_emotion\.txt$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelledFrame();

    /// <summary>The emotion code (1–7) in a CK+ *_emotion.txt file, written as a float such as "   3.0000000e+00".</summary>
    public static int ReadEmotion(string file)
    {
        var text = File.ReadAllText(file).Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value != Math.Floor(value))
            throw new InvalidDataException($"{file}: expected an emotion code such as '3.0000000e+00', found {SafeText.Quote(text, 40)}.");
        if (value is < 1 or > 7)
            throw new InvalidDataException($"{file}: emotion code {value} is not a CK+ sequence label (1 anger … 7 surprise; 0 neutral labels no sequence).");
        return (int)value;
    }

    /// <summary>Writes data/ck-plus and data/ck-plus6; returns both with the counts beside Table II.</summary>
    public static ImportResult Import(ImportOptions o)
    {
        var tree = Scan(o.Source);
        var folds = SourceTree.FoldsByAscendingId(o.Source, tree.Labelled.Select(q => q.Subject));
        var subjects = folds.Count;
        var extra = new Dictionary<string, JsonElement>
        {
            ["labelledSequences"] = JsonSerializer.SerializeToElement(tree.Labelled.Count),
            ["unlabelledSequencesSkipped"] = JsonSerializer.SerializeToElement(tree.Unlabelled),
            ["subjects"] = JsonSerializer.SerializeToElement(subjects),
        };
        using var eight = new PreparedDatasetWriter(Path.Combine(o.DataRoot, Name8), Info(Name8, ExpressionNames.CkPlus8, o, extra));
        using var six = new PreparedDatasetWriter(Path.Combine(o.DataRoot, Name6), Info(Name6, ExpressionNames.Basic6, o, extra));

        var jobs = new List<FaceImage>();
        var rows = new List<(string Path, string Label, string Subject, string Sequence, int Frame, int Fold)>();
        foreach (var q in tree.Labelled)
        foreach (var k in CkPlusProtocol.KeptFrames(q.Frames.Length))
        {
            var (frame, file) = q.Frames[k - 1];
            var label = k == 1 ? "neutral" : q.Expression;
            var path = $"images/{q.Subject}/{q.Name}/{Path.GetFileNameWithoutExtension(file)}.png";
            jobs.Add(FaceImage.FromFile(file, path, ExpressionNames.Basic6.Contains(label) ? [eight, six] : [eight]));
            rows.Add((path, label, q.Subject, q.Name, frame, folds[q.Subject]));
        }
        var detections = o.Aligner.Detections;
        FaceImages.Write(jobs, o.Aligner, o.ImageSize, Name8, o.Progress);
        foreach (var r in rows)
        {
            var fold = r.Fold.ToString(CultureInfo.InvariantCulture);
            eight.AddRow(r.Path, r.Label, r.Subject, r.Sequence, r.Frame, fold);
            if (ExpressionNames.Basic6.Contains(r.Label)) six.AddRow(r.Path, r.Label, r.Subject, r.Sequence, r.Frame, fold);
        }
        eight.Validate();   // both sets validate before either is moved into place
        six.Validate();
        var (ds8, ds6) = (eight.Commit(), six.Commit());

        var summary = new List<string>
        {
            $"{Name8}: {ds8.Rows.Count} images from {tree.Labelled.Count} labelled sequences of {subjects} subjects " +
            $"(first frame → neutral, last 3 → the sequence's emotion; paper: 1308 from 327); " +
            $"{tree.Unlabelled} sequences without an emotion file skipped; 10 folds by ascending subject ID",
        };
        summary.AddRange(ClassTable.Format(ds8.Classes, ds8.ClassCounts(), ClassTable.PaperTable2.CkPlus,
            paperTotal: ClassTable.PaperTable2.PrintedTotal[Name8], notes: new Dictionary<string, string>
            {
                ["happy"] = "Table II prints 147 happy images (its row then sums to 1248), but its own total of 1308 implies " +
                            "207 = 69 sequences × 3; CK+ has 69 happy sequences.",
            }));
        if (FaceImages.DescribeDetections(o.Aligner, detections, []) is { } found) summary.Add(found);
        summary.Add($"{Name6}: {ds6.Rows.Count} images (the peak frames of the six basic expressions: no contempt, no neutral), same folds");
        summary.AddRange(ClassTable.Format(ds6.Classes, ds6.ClassCounts(), paper: null));
        return new ImportResult([ds8, ds6], summary);
    }

    private static string[] EmotionFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder).Where(f => !SourceTree.IsLitter(f) && f.EndsWith("_emotion.txt", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];

    private static DatasetInfo Info(string name, IReadOnlyList<string> classes, ImportOptions o, Dictionary<string, JsonElement> extra) => new()
    {
        Name = name, Classes = classes, Protocol = Protocol.KFold, Folds = 10, ImageSize = o.ImageSize,
        Source = $"CK+ (Lucey et al. 2010), {Path.GetFullPath(o.Source)}: first frame + last 3 of each labelled sequence",
        Normalisation = o.Aligner.Name, Extra = extra,
    };
}
