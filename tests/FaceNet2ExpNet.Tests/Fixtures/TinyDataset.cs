using FaceNet2ExpNet.Data;

namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>
/// Small generated prepared datasets for tests: each class draws a bright square at its own position (learnable by a
/// tiny net in a few dozen steps) on a subject-tinted noisy background. k-fold by subject, fixed splits, or unlabelled
/// (the same images with no classes, labels or folds).
/// </summary>
public static class TinyDataset
{
    public static readonly string[] DefaultClasses = ["anger", "happy", "surprise"];

    public static PreparedDataset Create(string root, int subjects = 6, int perSubjectPerClass = 4, int size = 32,
        string[]? classes = null, int folds = 3, int seed = 1, Protocol protocol = Protocol.KFold, string subjectPrefix = "S")
    {
        classes ??= DefaultClasses;
        var unlabelled = protocol == Protocol.Unlabelled;
        var info = new DatasetInfo
        {
            Name = "tiny", Classes = unlabelled ? [] : classes, Protocol = protocol, Folds = unlabelled ? 0 : folds, ImageSize = size,
            Source = $"tests: TinyDataset seed {seed}", Normalisation = "none (generated)",
        };
        var rng = new Random(seed);
        using var writer = new PreparedDatasetWriter(root, info);
        for (var s = 0; s < subjects; s++)
        {
            var tint = new[] { rng.Next(40, 120), rng.Next(40, 120), rng.Next(40, 120) };
            for (var c = 0; c < classes.Length; c++)
            for (var i = 0; i < perSubjectPerClass; i++)
            {
                var path = $"images/{subjectPrefix}{s:000}/{classes[c]}_{i}.png";
                writer.WritePng(path, Draw(size, c, classes.Length, tint, rng), size, size);
                var fold = unlabelled ? "-" : protocol == Protocol.KFold
                    ? (s % folds).ToString()
                    : string.Join("/", Enumerable.Range(0, folds).Select(k => (s + k) % 3 == 0 ? "test" : (s + k) % 3 == 1 ? "valid" : "train"));
                writer.AddRow(path, unlabelled ? "" : classes[c], $"{subjectPrefix}{s:000}", $"{c:000}", i, fold);
            }
        }
        return writer.Commit();
    }

    /// <summary>RGB pixels (row-major) of one image of class <paramref name="c"/>.</summary>
    public static byte[] Draw(int size, int c, int classCount, int[] tint, Random rng)
    {
        var px = new byte[size * size * 3];
        var square = size / 4;
        var angle = 2 * Math.PI * c / classCount;
        var cx = (int)(size / 2 + size / 4 * Math.Cos(angle)) - square / 2;
        var cy = (int)(size / 2 + size / 4 * Math.Sin(angle)) - square / 2;
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var ch = 0; ch < 3; ch++)
        {
            var inside = x >= cx && x < cx + square && y >= cy && y < cy + square;
            var v = inside ? 230 : tint[ch] + rng.Next(-20, 21);
            px[(y * size + x) * 3 + ch] = (byte)Math.Clamp(v, 0, 255);
        }
        return px;
    }
}
