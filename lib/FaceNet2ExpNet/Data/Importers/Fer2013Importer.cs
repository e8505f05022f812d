using System.Globalization;
using System.Text.Json;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// FER2013 (Goodfellow et al. 2013) → data/fer2013, the extra training data of Table VI's second block. fer2013.csv has
/// one face per line: emotion (0 Angry, 1 Disgust, 2 Fear, 3 Happy, 4 Sad, 5 Surprise, 6 Neutral), pixels (48×48 grey
/// values, space-separated) and Usage (Training, PublicTest, PrivateTest). Same seven classes in the same order as SFEW,
/// so its images can join SFEW's training set. One split: Training → train, PublicTest → valid, PrivateTest → test.
/// The Kaggle challenge folder's icml_face_data.csv (the same columns) is read too; with FER+ labels
/// (<see cref="FerPlusLabels"/>) the faces are re-labelled and written to data/ferplus.
/// </summary>
public static class Fer2013Importer
{
    public static string Name => Reporting.PaperDatasets.Fer2013.Key;
    /// <summary>FER+ relabelling of FER2013 (not one of the paper's datasets).</summary>
    public const string FerPlusName = "ferplus";
    public const string FileName = "fer2013.csv";

    /// <summary>The CSVs looked for in a source folder: the original release, then the Kaggle challenge download's copy.</summary>
    public static readonly string[] FileNames = [FileName, "icml_face_data.csv"];

    /// <summary>FER2013 emotion code → class (the same list as SFEW and TFD).</summary>
    public static IReadOnlyList<string> Classes => ExpressionNames.Basic7;

    private static readonly Dictionary<string, SplitRole> Usages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Training"] = SplitRole.Train, ["PublicTest"] = SplitRole.Valid, ["PrivateTest"] = SplitRole.Test,
    };

    /// <summary>One face of the CSV: its line number, class, role and grey pixels.</summary>
    public sealed record Face(int Line, string Expression, string Usage, SplitRole Role, byte[] Grey, int Side);

    /// <summary>
    /// The CSV named by <paramref name="source"/>: the file itself, or fer2013.csv / icml_face_data.csv in that folder (or
    /// one level down). An archive (fer2013.tar.gz, or the extension-less tar Windows leaves) is an error saying to unpack it.
    /// </summary>
    public static string Locate(string source)
    {
        const string what = "fer2013.csv (or icml_face_data.csv)";
        if (!Directory.Exists(source)) return TextFiles.Require(source, what);
        foreach (var folder in new[] { source }.Concat(SourceTree.Folders(source)))
        foreach (var name in FileNames)
            if (File.Exists(Path.Combine(folder, name))) return TextFiles.Require(Path.Combine(folder, name), what);
        var kaggleTrain = File.Exists(Path.Combine(source, "train.csv"))
            ? " (Kaggle's train.csv has no Usage column; the challenge download also holds icml_face_data.csv and fer2013.tar.gz.)" : "";
        throw new FileNotFoundException($"{source}: no {what} in it (nor one level down; {SourceTree.Listing(source)}).{SourceTree.ArchivesNote(source)}{kaggleTrain}",
            Path.Combine(source, FileName));
    }

    /// <summary>Reads every face of the CSV; errors name the file and line.</summary>
    public static List<Face> Read(string file)
    {
        using var reader = new StreamReader(file);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty file, expected the header 'emotion,pixels,Usage'.");
        var names = Csv.Split(header.TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string c) => names.IndexOf(c) is var i and >= 0 ? i
            : throw new InvalidDataException($"{file}: no '{c}' column (header: {SafeText.Quote(header.Trim(), 80)}); expected emotion,pixels,Usage.");
        var (emotionAt, pixelsAt, usageAt) = (Column("emotion"), Column("pixels"), Column("usage"));

        var faces = new List<Face>();
        string? line;
        for (var number = 2; (line = reader.ReadLine()) is not null; number++)
        {
            if (line.Trim().Length == 0) continue;
            var where = $"{file} line {number}";
            var f = Csv.Split(line);
            if (f.Count != names.Count) throw new InvalidDataException($"{where}: {f.Count} fields, the header has {names.Count}.");
            if (!int.TryParse(f[emotionAt].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) || code is < 0 or > 6)
                throw new InvalidDataException($"{where}: emotion {SafeText.Quote(f[emotionAt].Trim())} is not a code 0–6 (0 Angry … 6 Neutral).");
            var usage = f[usageAt].Trim();
            if (!Usages.TryGetValue(usage, out var role))
                throw new InvalidDataException($"{where}: Usage {SafeText.Quote(usage)} is not Training, PublicTest or PrivateTest.");
            var values = f[pixelsAt].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var side = (int)Math.Round(Math.Sqrt(values.Length));
            if (values.Length == 0 || side * side != values.Length)
                throw new InvalidDataException($"{where}: {values.Length} pixel values, not a square image (FER2013 has 48×48 = 2304).");
            var grey = new byte[values.Length];
            for (var i = 0; i < values.Length; i++)
                if (!byte.TryParse(values[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out grey[i]))
                    throw new InvalidDataException($"{where}: pixel {i + 1} {SafeText.Quote(values[i])} is not a grey value 0–255.");
            faces.Add(new Face(number, Classes[code], usage, role, grey, side));
        }
        if (faces.Count == 0) throw new InvalidDataException($"{file}: no faces after the header.");
        return faces;
    }

    /// <summary>
    /// Writes data/fer2013 (or, with <paramref name="ferPlus"/> = fer2013new.csv or its folder, data/ferplus with the FER+
    /// majority-vote labels); returns it with its counts per class and usage.
    /// </summary>
    public static ImportResult Import(ImportOptions o, string? ferPlus = null)
    {
        var file = Locate(o.Source);
        var faces = Read(file);
        var name = Name;
        var labels = "the FER2013 labels";
        var extra = new Dictionary<string, JsonElement>();
        var dropped = new List<string>();
        if (ferPlus is not null)
        {
            (faces, var counts, var votesFile) = Relabel(faces, file, ferPlus);
            name = FerPlusName;
            labels = "FER+ majority votes";
            extra["labels"] = JsonSerializer.SerializeToElement($"FER+ (Barsoum et al. 2016), {Path.GetFullPath(votesFile)}: FER+'s majority " +
                                                                "vote (single votes discarded, then more than half of the rest); faces without a majority, " +
                                                                "unknown, contempt, not-a-face and unnamed rows dropped");
            extra["dropped"] = JsonSerializer.SerializeToElement(counts);
            dropped.Add($"  dropped: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))} (of {faces.Count + counts.Values.Sum()} rows)");
        }
        int Count(SplitRole r) => faces.Count(f => f.Role == r);
        foreach (var r in new[] { SplitRole.Train, SplitRole.Valid, SplitRole.Test }) extra[ManifestRow.RoleText(r)] = JsonSerializer.SerializeToElement(Count(r));
        var info = new DatasetInfo
        {
            Name = name, Classes = Classes, Protocol = Protocol.Splits, Folds = 1, ImageSize = o.ImageSize,
            Source = $"FER2013 (Goodfellow et al. 2013), {Path.GetFullPath(file)}, {labels}: Training → train, PublicTest → valid, PrivateTest → test",
            Normalisation = $"as distributed ({faces[0].Side}×{faces[0].Side} grey, aligned by FER2013's authors), resized to {o.ImageSize}×{o.ImageSize}",
            Extra = extra,
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(o.DataRoot, name), info);
        static string PathOf(Face f) => $"images/{f.Usage}/{f.Line:000000}.png";
        var jobs = faces.Select(f => new FaceImage($"{file} line {f.Line}", () => Grey(f), PathOf(f), [writer])).ToList();
        FaceImages.Write(jobs, FaceImages.AsDistributed, o.ImageSize, name, o.Progress);
        foreach (var f in faces) writer.AddRow(PathOf(f), f.Expression, $"line-{f.Line}", "", 0, ManifestRow.RoleText(f.Role));
        var dataset = writer.Commit();

        var summary = new List<string>
        {
            $"{name}: {dataset.Rows.Count} faces ({labels}): Training {Count(SplitRole.Train)} → train, PublicTest {Count(SplitRole.Valid)} → valid, " +
            $"PrivateTest {Count(SplitRole.Test)} → test (the public release: 28709 / 3589 / 3589 faces); classes in SFEW's order",
        };
        summary.AddRange(dropped);
        summary.AddRange(ClassTable.Format(dataset.Classes, dataset.ClassCounts(), paper: null));
        return new ImportResult([dataset], summary);
    }

    /// <summary>The faces with their FER+ labels (row i of fer2013new.csv is face i of fer2013.csv), and the dropped counts per reason.</summary>
    private static (List<Face> Kept, SortedDictionary<string, int> Dropped, string File) Relabel(List<Face> faces, string file, string ferPlus)
    {
        var votesFile = FerPlusLabels.Locate(ferPlus);
        var labels = FerPlusLabels.Read(votesFile);
        if (labels.Count != faces.Count)
            throw new InvalidDataException($"{votesFile}: {labels.Count} rows, but {file} has {faces.Count} faces; FER+ labels the faces of fer2013.csv " +
                                           "row by row, so the two files do not belong together.");
        var kept = new List<Face>();
        var dropped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < faces.Count; i++)
        {
            var (face, label) = (faces[i], labels[i]);
            if (label.Usage.Length > 0 && !label.Usage.Equals(face.Usage, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{votesFile} line {label.Line}: Usage {SafeText.Quote(label.Usage)}, but {file} line {face.Line} " +
                                               $"(the same face) says {SafeText.Quote(face.Usage)}: the files do not belong together.");
            if (label.Class is null) dropped[label.Dropped!] = dropped.GetValueOrDefault(label.Dropped!) + 1;
            else kept.Add(face with { Expression = label.Class });
        }
        if (kept.Count == 0) throw new InvalidDataException($"{votesFile}: no face keeps a label (dropped: {string.Join(", ", dropped.Select(d => $"{d.Key} {d.Value}"))}).");
        return (kept, dropped, votesFile);
    }

    private static ImageDecoder.Rgb Grey(Face f)
    {
        var rgb = new byte[f.Grey.Length * 3];
        for (var i = 0; i < f.Grey.Length; i++) (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (f.Grey[i], f.Grey[i], f.Grey[i]);
        return new ImageDecoder.Rgb(rgb, f.Side, f.Side);
    }
}
