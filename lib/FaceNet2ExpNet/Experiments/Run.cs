using FaceNet2ExpNet.Data;
using System.Text.Json;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One run folder, runs/&lt;dataset&gt;/&lt;profile&gt;/&lt;method&gt;/&lt;config id&gt;/fold-&lt;k&gt;/: checkpoints/ (the last
/// and previous checkpoints; the last holds the final weights), log.csv (per epoch) and metrics.json (written last: the
/// run is finished). Every file is read defensively: a damaged one is an <see cref="InvalidDataException"/> that names it.
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

    /// <summary>metrics.json.</summary>
    /// <exception cref="InvalidDataException">It is damaged (not the metrics this project writes); the message names it.</exception>
    public FoldMetrics Metrics => FoldMetrics.Load(MetricsPath);

    /// <summary>Why metrics.json cannot be read, or null when it can.</summary>
    public string? MetricsProblem()
    {
        try { _ = Metrics; return null; }
        catch (InvalidDataException e) { return e.Message; }
    }

    /// <summary>
    /// Sets a damaged metrics.json aside (as metrics.json.damaged, never deleted), so the run counts as unfinished and
    /// the next training pass re-evaluates it from its checkpoint.
    /// </summary>
    public void Unfinish()
    {
        if (File.Exists(MetricsPath)) File.Move(MetricsPath, MetricsPath + ".damaged", overwrite: true);
    }

    /// <summary>The training history so far (also of an unfinished run), or null before the first checkpoint.</summary>
    /// <exception cref="InvalidDataException">The last checkpoint's history.json is damaged.</exception>
    public TrainingHistory? History
    {
        get
        {
            var path = Path.Combine(CheckpointDir, Checkpoint.Last, "history.json");
            return File.Exists(path) ? TrainingHistory.Load(path) : null;
        }
    }

    /// <summary>Writes log.csv and then metrics.json, which marks the run finished.</summary>
    /// <exception cref="IOException">A file could not be written (a full disk): the run stays unfinished, its checkpoint intact.</exception>
    public void Finish(FoldMetrics metrics, TrainingHistory history)
    {
        WriteLog(history);
        AtomicFile.Write(MetricsPath, JsonSerializer.Serialize(metrics, FoldMetrics.Json) + "\n",
            "the run's checkpoint is complete: once space is freed, the same command re-evaluates it");
    }

    /// <summary>log.csv: one line per epoch so far (loss, rate, seconds, the epoch's metrics); rewritten after every epoch.</summary>
    /// <exception cref="IOException">It could not be written (a full disk).</exception>
    public void WriteLog(TrainingHistory history)
    {
        var keys = history.Epochs.SelectMany(e => e.Metrics.Keys).Distinct().ToList();
        var lines = new List<string> { string.Join(",", new[] { "epoch", "loss", "lr", "seconds" }.Concat(keys)) };
        lines.AddRange(history.Epochs.Select(e => string.Join(",",
            new[] { (e.Epoch + 1).ToString(), F(e.Loss), F(e.LearningRate), F(e.Seconds) }
                .Concat(keys.Select(k => e.Metrics.TryGetValue(k, out var v) ? F(v) : "")))));
        AtomicFile.Write(LogPath, string.Join("\n", lines) + "\n",
            "the run's checkpoint is complete: once space is freed, the same command re-evaluates it");
    }

    /// <summary>
    /// The run's training time: its epochs' wall times summed from log.csv's <c>seconds</c> column. What runs before
    /// the first epoch (loading the data, caching stage 1's teacher targets) is not in it.
    /// </summary>
    /// <exception cref="InvalidDataException">log.csv is missing or damaged; the message names it and what is wrong.</exception>
    public double EpochSeconds
    {
        get
        {
            var path = LogPath;
            if (!File.Exists(path)) throw new InvalidDataException($"{path} is missing (a finished run writes it before metrics.json)");
            var rows = File.ReadAllLines(path).Where(l => l.Length > 0).Select(Csv.Split).ToList();
            var column = rows.Count == 0 ? -1 : rows[0].IndexOf("seconds");
            if (column < 0) throw new InvalidDataException($"{path} is damaged (no header line with a seconds column)");
            return rows.Skip(1).Select((cells, i) =>
            {
                var cell = cells.ElementAtOrDefault(column) ?? "";
                return double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
                    ? s : throw new InvalidDataException($"{path} line {i + 2} is damaged (seconds '{cell}' is not a number of seconds)");
            }).Sum();
        }
    }

    /// <summary>log.csv, written by <see cref="WriteLog"/> and read by <see cref="EpochSeconds"/>.</summary>
    private string LogPath => Path.Combine(Folder, "log.csv");

    private static string F(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Folder;
}
