using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// SFEW 2.0 aligned faces as distributed: Train/&lt;Expression&gt;/Film_timestamp_index.png and Val/…, seven expression
/// folders, grey and RGB faces, an upper-case extension, litter. Face i of expression e in Train has R = e, G = i,
/// B = 0 (Val: B = 1); grey faces have all three at 100 + e.
/// </summary>
public sealed class SfewTree : IDisposable
{
    public static readonly string[] Folders = ["Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise"];

    /// <summary>Faces per expression folder in Train and in Val.</summary>
    public static readonly int[] Train = [3, 1, 2, 3, 3, 2, 2], Val = [2, 1, 1, 2, 2, 1, 1];

    public static readonly string[] Films = ["Airheads", "21", "Harry_Potter_and_the_Goblet_of_Fire"];

    private readonly TempDir dir = new();
    public string Root => dir["SFEW_2"];
    public string Data => dir["data"];

    /// <param name="nested">Use the archives' own folder names: Train/Train_Aligned_Faces/…, Val/Val_Aligned_Faces/….</param>
    public SfewTree(bool nested = false)
    {
        foreach (var (part, counts, blue) in new[] { ("Train", Train, (byte)0), ("Val", Val, (byte)1) })
        for (var e = 0; e < Folders.Length; e++)
        {
            var folder = Expression(part, Folders[e], nested);
            for (var i = 0; i < counts[e]; i++)
            {
                var ext = e == 3 && i == 0 ? ".PNG" : ".png";
                var name = $"{Films[i % Films.Length]}_{1000 * (e + 1) + i:000000000}_{i + 1:00000000}{ext}";
                var grey = i == 1;
                SourceImages.Write(Path.Combine(folder, name), grey ? (byte)(100 + e) : (byte)e, grey ? (byte)(100 + e) : (byte)i,
                    grey ? (byte)(100 + e) : blue, grey, width: 20, height: 25);
            }
            SourceImages.Litter(folder, "Airheads_000000001_00000001.png");
        }
    }

    public string Expression(string part, string folder, bool nested = false) =>
        nested ? Path.Combine(Root, part, $"{part}_Aligned_Faces", folder) : Path.Combine(Root, part, folder);

    public void Dispose() => dir.Dispose();
}
