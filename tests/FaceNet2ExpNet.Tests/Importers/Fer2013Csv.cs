using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// fer2013.csv as distributed (header emotion,pixels,Usage; 48×48 space-separated grey values): 14 faces, two per
/// emotion code 0–6, usages cycling Training, Training, PublicTest, PrivateTest. Pixel (y, x) of face i = (i + y + 2x) mod 256.
/// </summary>
public sealed class Fer2013Csv : IDisposable
{
    public const int Faces = 14, Side = 48;
    public static readonly string[] Usages = ["Training", "Training", "PublicTest", "PrivateTest"];

    private readonly TempDir dir = new();
    public string Folder => dir["fer2013"];
    public string File => Path.Combine(Folder, "fer2013.csv");
    public string Data => dir["data"];

    public static int Emotion(int i) => i % 7;
    public static byte Pixel(int i, int y, int x) => (byte)((i + y + 2 * x) % 256);

    public Fer2013Csv()
    {
        Directory.CreateDirectory(Folder);
        var lines = new List<string> { "emotion,pixels,Usage" };
        for (var i = 0; i < Faces; i++)
        {
            var pixels = Enumerable.Range(0, Side * Side).Select(p => Pixel(i, p / Side, p % Side).ToString());
            lines.Add($"{Emotion(i)},{string.Join(' ', pixels)},{Usages[i % 4]}");
        }
        System.IO.File.WriteAllLines(File, lines);
    }

    /// <summary>Replaces line <paramref name="number"/> (1 = header) of the CSV.</summary>
    public void SetLine(int number, string text)
    {
        var lines = System.IO.File.ReadAllLines(File);
        lines[number - 1] = text;
        System.IO.File.WriteAllLines(File, lines);
    }

    public void Dispose() => dir.Dispose();
}
