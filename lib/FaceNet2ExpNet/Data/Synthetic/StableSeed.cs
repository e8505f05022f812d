namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// A seed for one image or person from (corpus seed, kind, indices) via FNV-1a: independent of generation order and
/// thread scheduling, so a parallel generator writes byte-identical datasets.
/// </summary>
public static class StableSeed
{
    public static int Of(int seed, string kind, params int[] parts)
    {
        var h = 2166136261u;
        void Add(uint v)
        {
            for (var i = 0; i < 4; i++) { h ^= (v >> (8 * i)) & 0xff; h *= 16777619u; }
        }
        Add((uint)seed);
        foreach (var ch in kind) Add(ch);
        foreach (var p in parts) Add((uint)p);
        return (int)(h & 0x7fffffff);
    }

    public static Random Rng(int seed, string kind, params int[] parts) => new(Of(seed, kind, parts));
}
