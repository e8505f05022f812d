namespace FaceNet2ExpNet.Networks;

/// <summary>Output sizes of the two poolings used here, so shapes can be known before any tensor exists.</summary>
public static class Pooling
{
    /// <summary>ExpNet's 3×3 stride-2 max-pool with Caffe's ceil rounding: n → ⌈(n−3)/2⌉+1 (224 → 112).</summary>
    public static int ExpNetPool(int n) => n < 3 ? 1 : (n - 3 + 1) / 2 + 1;

    /// <summary>VGG-16's 2×2 stride-2 max-pool (floor rounding, as torchvision): n → ⌊n/2⌋.</summary>
    public static int VggPool(int n) => n / 2;

    /// <summary>Spatial size after the five poolings of a net (224 → 7 for both nets).</summary>
    public static int AfterFive(int input, Func<int, int> pool)
    {
        var n = input;
        for (var i = 0; i < 5; i++) n = pool(n);
        return n;
    }
}
