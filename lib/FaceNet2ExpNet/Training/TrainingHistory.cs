using System.Text.Json;

namespace FaceNet2ExpNet.Training;

/// <summary>One finished epoch: mean training loss, learning rate, wall time and any evaluation metrics.</summary>
public sealed record EpochRecord(int Epoch, double Loss, double LearningRate, double Seconds, Dictionary<string, double> Metrics);

/// <summary>
/// A divergence the trainer recovered from: where it happened (1-based epoch and step), the loss it saw, how many
/// epochs the restored checkpoint held, and the learning-rate scale in force afterwards.
/// </summary>
public sealed record Rollback(int Epoch, int Step, double Loss, int RestoredEpochs, double LrScale);

/// <summary>Per-epoch log of a training run; saved with every checkpoint so a resumed run continues the same log.</summary>
public sealed class TrainingHistory
{
    public List<EpochRecord> Epochs { get; init; } = [];
    /// <summary>Mean loss of each epoch, in order.</summary>
    public IReadOnlyList<double> Losses => Epochs.Select(e => e.Loss).ToList();
    /// <summary>The epoch this run was resumed after, if it was (−1 = started fresh).</summary>
    public int ResumedAfter { get; set; } = -1;
    /// <summary>Every learning rate of the schedule is multiplied by this (1 until a divergence was rolled back).</summary>
    public double LrScale { get; set; } = 1;
    /// <summary>Divergences rolled back so far, oldest first.</summary>
    public List<Rollback> Rollbacks { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,   // a rollback records a NaN loss
    };

    public void Save(string path)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(this, Json));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Writes the history as JSON to <paramref name="stream"/> (a checkpoint's history.json).</summary>
    public void Save(Stream stream) => JsonSerializer.Serialize(stream, this, Json);

    /// <exception cref="InvalidDataException">The file is not a training history (damaged or empty); the message names it.</exception>
    public static TrainingHistory Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingHistory>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException($"{path}: empty training history.");
        }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a training history ({e.Message})", e); }
    }
}
