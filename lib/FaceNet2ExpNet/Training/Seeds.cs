namespace FaceNet2ExpNet.Training;

/// <summary>
/// Deterministic seeds. Every epoch reseeds torch (dropout) and its own shuffle/augmentation generator from
/// (run seed, epoch), so a run resumed at epoch e draws exactly what the uninterrupted run drew.
/// </summary>
public static class Seeds
{
    public static int ForEpoch(int seed, int epoch) => unchecked((int)(((uint)seed * 2654435761u) ^ ((uint)(epoch + 1) * 40503u)) & 0x7fffffff);

    /// <summary>A random permutation of 0…n−1 (Fisher–Yates).</summary>
    public static int[] Permutation(int n, Random rng)
    {
        var p = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
