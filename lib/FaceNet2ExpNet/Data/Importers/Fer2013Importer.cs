using System.Globalization;
using System.Text.Json;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// FER2013 (Goodfellow et al. 2013) → data/fer2013, the extra training data of Table VI's second block. fer2013.csv has
/// one face per line: emotion (0 Angry, 1 Disgust, 2 Fear, 3 Happy, 4 Sad, 5 Surprise, 6 Neutral), pixels (48×48 grey
/// values, space-separated) and Usage (Training, PublicTest, PrivateTest). Same seven classes in the same order as SFEW,
/// so its images can join SFEW's training set. One split: Training → train, PublicTest → valid, PrivateTest → test.
/// </summary>
public static class Fer2013Importer
{
    public const string Name = "fer2013";
    public const string FileName = "fer2013.csv";

    /// <summary>FER2013 emotion code → class (the same list as SFEW and TFD).</summary>
    public static IReadOnlyList<string> Classes => ExpressionNames.Basic7;

    private static readonly Dictionary<string, SplitRole> Usages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Training"] = SplitRole.Train, ["PublicTest"] = SplitRole.Valid, ["PrivateTest"] = SplitRole.Test,
    };

    /// <summary>One face of the CSV: its line number, class, role and grey pixels.</summary>
    public sealed record Face(int Line, string Expression, string Usage, SplitRole Role, byte[] Grey, int Side);

    /// <summary>The CSV named by <paramref name="source"/>: the file itself, or fer2013.csv in that folder (or one level down).</summary>
    public static string Locate(string source)
    {
        if (File.Exists(source)) return source;
        if (!Directory.Exists(source)) throw new FileNotFoundException($"{source}: no such file or folder (expected {FileName} or the folder holding it).", source);
        var direct = Path.Combine(source, FileName);
        if (File.Exists(direct)) return direct;
        return SourceTree.Folders(source).Select(d => Path.Combine(d, FileName)).FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"{source}: no {FileName} in it (nor one level down; {SourceTree.Listing(source)}).", direct);
    }

    /// <summary>Reads every face of the CSV; errors name the file and line.</summary>
    public static List<Face> Read(string file)
    {
        using var reader = new StreamReader(file);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty file, expected the header 'emotion,pixels,Usage'.");
        var names = Csv.Split(header.TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string c) => names.IndexOf(c) is var i and >= 0 ? i
            : throw new InvalidDataException($"{file}: no '{c}' column (header: {header.Trim()}); expected emotion,pixels,Usage.");
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
                throw new InvalidDataException($"{where}: emotion '{f[emotionAt].Trim()}' is not a code 0–6 (0 Angry … 6 Neutral).");
            var usage = f[usageAt].Trim();
            if (!Usages.TryGetValue(usage, out var role))
                throw new InvalidDataException($"{where}: Usage '{usage}' is not Training, PublicTest or PrivateTest.");
            var values = f[pixelsAt].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var side = (int)Math.Round(Math.Sqrt(values.Length));
            if (values.Length == 0 || side * side != values.Length)
                throw new InvalidDataException($"{where}: {values.Length} pixel values, not a square image (FER2013 has 48×48 = 2304).");
            var grey = new byte[values.Length];
            for (var i = 0; i < values.Length; i++)
                if (!byte.TryParse(values[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out grey[i]))
                    throw new InvalidDataException($"{where}: pixel {i + 1} '{values[i]}' is not a grey value 0–255.");
            faces.Add(new Face(number, Classes[code], usage, role, grey, side));
        }
        if (faces.Count == 0) throw new InvalidDataException($"{file}: no faces after the header.");
        return faces;
    }

    /// <summary>Writes data/fer2013; returns it with its counts per class and usage.</summary>
    public static ImportResult Import(ImportOptions o)
    {
        var file = Locate(o.Source);
        var faces = Read(file);
        int Count(SplitRole r) => faces.Count(f => f.Role == r);
        var info = new DatasetInfo
        {
            Name = Name, Classes = Classes, Protocol = Protocol.Splits, Folds = 1, ImageSize = o.ImageSize,
            Source = $"FER2013 (Goodfellow et al. 2013), {Path.GetFullPath(file)}: Training → train, PublicTest → valid, PrivateTest → test",
            Normalisation = $"as distributed ({faces[0].Side}×{faces[0].Side} grey, aligned by FER2013's authors), resized to {o.ImageSize}×{o.ImageSize}",
            Extra = new Dictionary<string, JsonElement>
            {
                ["train"] = JsonSerializer.SerializeToElement(Count(SplitRole.Train)),
                ["valid"] = JsonSerializer.SerializeToElement(Count(SplitRole.Valid)),
                ["test"] = JsonSerializer.SerializeToElement(Count(SplitRole.Test)),
            },
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(o.DataRoot, Name), info);
        static string PathOf(Face f) => $"images/{f.Usage}/{f.Line:000000}.png";
        var jobs = faces.Select(f => new FaceImage($"{file} line {f.Line}", () => Grey(f), PathOf(f), [writer])).ToList();
        FaceImages.Write(jobs, FaceImages.AsDistributed, o.ImageSize, Name, o.Progress);
        foreach (var f in faces) writer.AddRow(PathOf(f), f.Expression, $"line-{f.Line}", "", 0, ManifestRow.RoleText(f.Role));
        var dataset = writer.Commit();

        var summary = new List<string>
        {
            $"{Name}: {dataset.Rows.Count} faces: Training {Count(SplitRole.Train)} → train, PublicTest {Count(SplitRole.Valid)} → valid, " +
            $"PrivateTest {Count(SplitRole.Test)} → test (the public release: 28709 / 3589 / 3589); classes in SFEW's order",
        };
        summary.AddRange(ClassTable.Format(dataset.Classes, dataset.ClassCounts(), paper: null));
        return new ImportResult([dataset], summary);
    }

    private static ImageDecoder.Rgb Grey(Face f)
    {
        var rgb = new byte[f.Grey.Length * 3];
        for (var i = 0; i < f.Grey.Length; i++) (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (f.Grey[i], f.Grey[i], f.Grey[i]);
        return new ImageDecoder.Rgb(rgb, f.Side, f.Side);
    }
}
