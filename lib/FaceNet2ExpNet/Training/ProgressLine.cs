using System.Diagnostics;
using System.Globalization;

namespace FaceNet2ExpNet.Training;

/// <summary>Progress for long loops: "[stage1 fold 3] epoch 12/50 · loss 0.4213 · lr 1e-04 · 85 img/s · ETA 3m12s".</summary>
public sealed class ProgressLine(string name, int epochs, int imagesPerEpoch, TextWriter log, double everySeconds)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private double lastPrint;
    private long images;
    private int firstEpoch = -1;

    /// <summary>Called after each step; prints at most every <c>everySeconds</c>.</summary>
    public void Step(int epoch, int step, int steps, int batchImages, double runningLoss, double lr)
    {
        if (firstEpoch < 0) firstEpoch = epoch;
        images += batchImages;
        var now = clock.Elapsed.TotalSeconds;
        if (now - lastPrint < everySeconds) return;
        lastPrint = now;
        log.WriteLine($"[{name}] epoch {epoch + 1}/{epochs} step {step + 1}/{steps} · loss {Format(runningLoss)} · lr {lr:0.#e+00} · {Rate()} · ETA {Eta(epoch, step + 1, steps)}");
    }

    /// <summary>Called after each epoch with its record.</summary>
    public void Epoch(EpochRecord r)
    {
        lastPrint = clock.Elapsed.TotalSeconds;
        var metrics = string.Concat(r.Metrics.Select(m => $" · {m.Key} {Format(m.Value)}"));
        log.WriteLine($"[{name}] epoch {r.Epoch + 1}/{epochs} · loss {Format(r.Loss)}{metrics} · lr {r.LearningRate:0.#e+00} · {Rate()} · ETA {Eta(r.Epoch + 1, 0, 1)}");
    }

    private string Rate() => $"{images / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):0} img/s";

    private string Eta(int epoch, int step, int steps)
    {
        if (images == 0) return "?";
        var remaining = (epochs - epoch) * (double)imagesPerEpoch - step * (double)imagesPerEpoch / steps;
        return Duration(TimeSpan.FromSeconds(Math.Max(0, remaining) * clock.Elapsed.TotalSeconds / images));
    }

    /// <summary>A duration as progress lines print it: "26h05m" (hours past a day kept), "23m47s", "9s".</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s" : $"{t.Seconds}s";

    private static string Format(double v) =>
        Math.Abs(v) >= 1e4 || (Math.Abs(v) < 1e-3 && v != 0) ? v.ToString("0.###e+0", CultureInfo.InvariantCulture) : v.ToString("0.####", CultureInfo.InvariantCulture);
}
