using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One run folder, runs/&lt;dataset&gt;/&lt;profile&gt;/&lt;method&gt;/&lt;config id&gt;/fold-&lt;k&gt;/: checkpoints/ (the last
/// checkpoint, which also holds the final weights), log.csv (per epoch) and metrics.json (written last: the run is finished).
/// </summary>
public sealed class Run(string folder, string id, RunConfig config, string fold)
{
    public string Folder { get; } = folder;
    public string Id { get; } = id;
    public RunConfig Config { get; } = config;
    /// <summary>"fold-3", or "all" for runs that do not depend on a fold.</summary>
    public string Fold { get; } = fold;
    public string CheckpointDir => Path.Combine(Folder, "checkpoints");
    public string MetricsPath => Path.Combine(Folder, "metrics.json");
    public bool IsFinished => File.Exists(MetricsPath);
    public FoldMetrics Metrics => FoldMetrics.Load(MetricsPath);

    /// <summary>The training history so far (also of an unfinished run), or null before the first checkpoint.</summary>
    public TrainingHistory? History
    {
        get
        {
            var path = Path.Combine(CheckpointDir, "last", "history.json");
            return File.Exists(path) ? TrainingHistory.Load(path) : null;
        }
    }

    /// <summary>Writes log.csv and then metrics.json, which marks the run finished.</summary>
    public void Finish(FoldMetrics metrics, TrainingHistory history)
    {
        var keys = history.Epochs.SelectMany(e => e.Metrics.Keys).Distinct().ToList();
        var lines = new List<string> { string.Join(",", new[] { "epoch", "loss", "lr", "seconds" }.Concat(keys)) };
        lines.AddRange(history.Epochs.Select(e => string.Join(",",
            new[] { (e.Epoch + 1).ToString(), F(e.Loss), F(e.LearningRate), F(e.Seconds) }
                .Concat(keys.Select(k => e.Metrics.TryGetValue(k, out var v) ? F(v) : "")))));
        File.WriteAllLines(Path.Combine(Folder, "log.csv"), lines);
        metrics.Save(MetricsPath);
    }

    private static string F(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Folder;
}
