using System.Globalization;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// FER+ (Barsoum et al. 2016): fer2013new.csv re-labels every FER2013 face with the votes of 10 annotators, one row per
/// row of fer2013.csv in the same order (Usage, Image name, neutral, happiness, surprise, sadness, anger, disgust,
/// fear, contempt, unknown, NF). A face gets its label by FER+'s own majority rule (<see cref="Majority"/>); a face
/// without a majority, a win of unknown, of NF (not a face) or of contempt (not among the seven classes), and rows
/// without an image name are dropped and counted.
/// </summary>
public static class FerPlusLabels
{
    public const string FileName = "fer2013new.csv";

    /// <summary>The vote columns in file order, and the class each stands for (null: the face is dropped).</summary>
    public static readonly (string Column, string? Class)[] Votes =
    [
        ("neutral", "neutral"), ("happiness", "happy"), ("surprise", "surprise"), ("sadness", "sadness"), ("anger", "anger"),
        ("disgust", "disgust"), ("fear", "fear"), ("contempt", null), ("unknown", null), ("nf", null),
    ];

    /// <summary>One row's outcome: the class, or why the face is dropped ("no majority", "unknown", "contempt", "not a face", "no image name", "no votes").</summary>
    public sealed record Label(int Line, string Usage, string? Class, string? Dropped);

    /// <summary>The file named by <paramref name="source"/>: the file itself, or fer2013new.csv in that folder.</summary>
    public static string Locate(string source)
    {
        if (Directory.Exists(source))
        {
            var inside = Path.Combine(source, FileName);
            return File.Exists(inside) ? inside : throw new FileNotFoundException(
                $"{source}: no {FileName} in it ({SourceTree.Listing(source)}).{SourceTree.ArchivesNote(source)}", inside);
        }
        return TextFiles.Require(source, $"{FileName} (FER+ labels)");
    }

    /// <summary>
    /// The majority-vote class of one row of votes (in <see cref="Votes"/> order), or why there is none. FER+'s own rule
    /// (Barsoum et al. 2016, "majority voting"; the FERPlus code's _process_data in mode 'majority'): single votes are
    /// discarded as outliers, then a class must hold more than half of the remaining votes — 4 of 10 is no majority,
    /// and neither is a tie. A majority of unknown, NF or contempt drops the face too.
    /// </summary>
    public static (string? Class, string? Dropped) Majority(IReadOnlyList<int> votes)
    {
        if (votes.Sum() == 0) return (null, "no votes");
        var counted = votes.Select(v => v <= 1 ? 0 : v).ToList();
        var (most, total) = (counted.Max(), counted.Sum());
        if (2 * most <= total) return (null, "no majority");
        var (column, @class) = Votes[counted.IndexOf(most)];
        return @class is not null ? (@class, null) : (null, column == "nf" ? "not a face" : column);
    }

    /// <summary>Every row's label; errors name the file and line.</summary>
    public static List<Label> Read(string file)
    {
        using var reader = new StreamReader(file);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty file, expected the FER+ header 'Usage,Image name,neutral,…,NF'.");
        var names = Csv.Split(header.TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string c) => names.IndexOf(c) is var i and >= 0 ? i
            : throw new InvalidDataException($"{file}: no '{c}' column (header: {SafeText.Quote(header.Trim(), 120)}); expected FER+'s " +
                                             "Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF.");
        var (usageAt, nameAt) = (Column("usage"), Column("image name"));
        var voteAt = Votes.Select(v => Column(v.Column)).ToArray();

        var labels = new List<Label>();
        string? line;
        for (var number = 2; (line = reader.ReadLine()) is not null; number++)
        {
            if (line.Trim().Length == 0) continue;
            var f = Csv.Split(line);
            if (f.Count != names.Count) throw new InvalidDataException($"{file} line {number}: {f.Count} fields, the header has {names.Count}.");
            var votes = new int[voteAt.Length];
            for (var k = 0; k < voteAt.Length; k++)
                if (!int.TryParse(f[voteAt[k]].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out votes[k]) || votes[k] < 0)
                    throw new InvalidDataException($"{file} line {number}: {Votes[k].Column} {SafeText.Quote(f[voteAt[k]].Trim())} is not a vote count.");
            var usage = f[usageAt].Trim();
            if (f[nameAt].Trim().Length == 0) { labels.Add(new Label(number, usage, null, "no image name")); continue; }
            var (@class, dropped) = Majority(votes);
            labels.Add(new Label(number, usage, @class, dropped));
        }
        return labels;
    }
}
