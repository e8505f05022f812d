using System.Diagnostics;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// Times a step: <c>warmup</c> untimed calls (oneDNN picks and caches its kernels, weight casts are made), then
/// <c>reps</c> timed ones; the result is the fastest, in seconds. The fastest, not the mean, because on a shared
/// machine other processes only ever add time — the minimum is the closest to what the code itself costs.
/// </summary>
public static class StepTimer
{
    public static double Best(Action step, int warmup, int reps)
    {
        for (var i = 0; i < warmup; i++) step();
        var best = double.PositiveInfinity;
        for (var i = 0; i < Math.Max(1, reps); i++)
        {
            var watch = Stopwatch.StartNew();
            step();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
