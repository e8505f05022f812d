using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// Oulu-CASIA as distributed: OriginalImg/VL/Strong/Pxxx/&lt;Expression&gt;/nnn.jpeg for 11 subjects × 6 expressions, plus
/// the other illuminations and the NIR camera (which must be ignored). Sequences have 4–7 frames; subject P003's frames
/// are numbered without zero padding (8.jpeg, 9.jpeg, 10.jpeg …: ordinal order would be wrong); litter and upper-case
/// extensions in some folders. Frame k of a sequence is a uniform grey image of value 20·k (R = G = B).
/// </summary>
public sealed class OuluCasiaTree : IDisposable
{
    public static readonly string[] Folders = ["Anger", "Disgust", "Fear", "Happiness", "Sadness", "Surprise"];
    public static readonly string[] Subjects = [.. Enumerable.Range(1, 11).Select(i => $"P{i:000}")];

    private readonly TempDir dir = new();
    public string Root => dir["Oulu-CASIA"];
    public string Strong => Path.Combine(Root, "OriginalImg", "VL", "Strong");
    public string Data => dir["data"];

    /// <summary>Frames in the sequence of subject s and expression e.</summary>
    public static int Length(int s, int e) => 4 + (s + e) % 4;

    /// <summary>Number of the first frame (P003 starts at 8, unpadded; others at 000).</summary>
    public static int First(string subject) => subject == "P003" ? 8 : 0;

    public OuluCasiaTree()
    {
        for (var s = 0; s < Subjects.Length; s++)
        for (var e = 0; e < Folders.Length; e++)
        {
            var folder = Sequence(Subjects[s], Folders[e]);
            for (var k = 0; k < Length(s, e); k++)
            {
                var n = First(Subjects[s]) + k;
                var name = Subjects[s] == "P003" ? $"{n}.jpeg" : $"{n:000}{(s == 4 && e == 2 ? ".JPEG" : ".jpeg")}";
                SourceImages.Write(Path.Combine(folder, name), (byte)(20 * (k + 1)), 0, 0, grey: true, width: 32, height: 24);
            }
        }
        SourceImages.Litter(Sequence("P001", "Anger"), "000.jpeg");
        SourceImages.Litter(Path.Combine(Strong, "P002"));
        foreach (var other in new[] { "OriginalImg/VL/Dark/P001/Anger", "OriginalImg/VL/Weak/P001/Anger", "OriginalImg/NI/Strong/P001/Anger" })
            SourceImages.Write(Path.Combine(Root, other, "000.jpeg"), 1, 1, 1, grey: true);
    }

    public string Sequence(string subject, string expression) => Path.Combine(Strong, subject, expression);

    public void Dispose() => dir.Dispose();
}
