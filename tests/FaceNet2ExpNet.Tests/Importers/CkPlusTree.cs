using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// A CK+ tree as distributed (cohn-kanade-images/Sxxx/nnn/Sxxx_nnn_0000000k.png, Emotion/Sxxx/nnn/…_emotion.txt) with
/// 11 labelled subjects and the odd cases of the real one: unlabelled sequences (no Emotion folder, or an Emotion folder
/// without a label file), label folders with extra files, litter in image folders, an upper-case extension, grey and
/// RGB frames, a subject with only unlabelled sequences, unrelated folders (FACS, Landmarks).
/// Frame k of sequence q of subject index s is a uniform image with R = 10·k, G = q, B = s.
/// </summary>
public sealed class CkPlusTree : IDisposable
{
    /// <summary>(subject, sequence, frames, emotion code or null = unlabelled, grey?)</summary>
    public static readonly (string Subject, string Sequence, int Frames, int? Code, bool Grey)[] Plan =
    [
        ("S005", "001", 6, 3, true), ("S005", "002", 5, null, true),
        ("S010", "001", 4, 1, false), ("S010", "002", 7, 5, false), ("S010", "003", 5, null, false),
        ("S011", "001", 5, 2, true), ("S011", "002", 4, 5, false),
        ("S014", "001", 4, 7, true), ("S014", "002", 6, 6, false),
        ("S022", "001", 8, 4, true),
        ("S026", "001", 4, 5, false),
        ("S032", "001", 5, 7, true),
        ("S034", "001", 4, 4, false),
        ("S037", "001", 5, 1, true),
        ("S042", "001", 6, 3, false),
        ("S046", "001", 4, 6, true),
        ("S050", "001", 5, null, true),
    ];

    private readonly TempDir dir = new();
    public string Root => dir["CK+"];
    public string Images => Path.Combine(Root, "cohn-kanade-images");
    public string Emotion => Path.Combine(Root, "Emotion");
    public string Data => dir["data"];

    public CkPlusTree()
    {
        var subjects = Plan.Select(p => p.Subject).Distinct().ToList();
        foreach (var (subject, sequence, frames, code, grey) in Plan)
        {
            var folder = SequenceFolder(subject, sequence);
            for (var k = 1; k <= frames; k++)
            {
                var ext = subject == "S022" && k == 8 ? ".PNG" : ".png";   // the kept last frame has an upper-case extension
                SourceImages.Write(Path.Combine(folder, $"{subject}_{sequence}_{k:00000000}{ext}"),
                    (byte)(10 * k), byte.Parse(sequence), (byte)subjects.IndexOf(subject), grey);
            }
            if (code is { } c)
            {
                var labels = Path.Combine(Emotion, subject, sequence);
                Directory.CreateDirectory(labels);
                File.WriteAllText(Path.Combine(labels, $"{subject}_{sequence}_{frames:00000000}_emotion.txt"), $"   {c:0.0000000}e+00\n");
            }
        }
        SourceImages.Litter(SequenceFolder("S005", "001"), "S005_001_00000006.png");
        SourceImages.Litter(Path.Combine(Emotion, "S011", "001"));                 // label folder with extra files
        Directory.CreateDirectory(Path.Combine(Emotion, "S010", "003"));            // label folder without a label: unlabelled
        SourceImages.Litter(Path.Combine(Emotion, "S010", "003"));
        SourceImages.Litter(Images);
        Directory.CreateDirectory(Path.Combine(Root, "FACS", "S005", "001"));
        Directory.CreateDirectory(Path.Combine(Root, "Landmarks", "S005", "001"));
    }

    public string SequenceFolder(string subject, string sequence) => Path.Combine(Images, subject, sequence);

    public string Frame(string subject, string sequence, int k) =>
        Directory.GetFiles(SequenceFolder(subject, sequence), $"{subject}_{sequence}_{k:00000000}.*").Single();

    public static IEnumerable<(string Subject, string Sequence, int Frames, int Code)> Labelled =>
        Plan.Where(p => p.Code is not null).Select(p => (p.Subject, p.Sequence, p.Frames, p.Code!.Value));

    public void Dispose() => dir.Dispose();
}
