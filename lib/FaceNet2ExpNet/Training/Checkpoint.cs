using System.Runtime.InteropServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// The last checkpoint of a run (TorchSharp format): model weights, optimizer state (momentum buffers) and history,
/// written to a fresh folder that then replaces the previous one, so a kill at any moment leaves one complete checkpoint.
/// </summary>
public static class Checkpoint
{
    private const string Last = "last", Staging = "last.partial", Previous = "last.old";

    public static void Save(string dir, nn.Module model, OptimizerHelper optimizer, TrainingHistory history)
    {
        var staging = Path.Combine(dir, Staging);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        model.save(Path.Combine(staging, "model.bin"));
        optimizer.save_state_dict(Path.Combine(staging, "optimizer.bin"));
        history.Save(Path.Combine(staging, "history.json"));

        var last = Path.Combine(dir, Last);
        var previous = Path.Combine(dir, Previous);
        if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
        if (Directory.Exists(last)) Directory.Move(last, previous);
        Directory.Move(staging, last);
        if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
    }

    /// <summary>Restores the last complete checkpoint into <paramref name="model"/> and <paramref name="optimizer"/>; null if none.</summary>
    public static TrainingHistory? TryLoad(string dir, nn.Module model, OptimizerHelper optimizer)
    {
        var folder = Path.Combine(dir, Last);
        if (!File.Exists(Path.Combine(folder, "history.json"))) folder = Path.Combine(dir, Previous);   // killed mid-swap
        if (!File.Exists(Path.Combine(folder, "history.json"))) return null;
        try
        {
            model.load(Path.Combine(folder, "model.bin"));
            optimizer.load_state_dict(Path.Combine(folder, "optimizer.bin"));
            return TrainingHistory.Load(Path.Combine(folder, "history.json"));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or ExternalException)
        {
            throw new InvalidDataException(
                $"{folder}: checkpoint does not match this model or is damaged ({e.Message}). Delete the folder to start the run afresh.", e);
        }
    }

    /// <summary>Loads only the weights of a finished run into <paramref name="model"/>.</summary>
    public static void LoadWeights(string dir, nn.Module model)
    {
        var path = Path.Combine(dir, Last, "model.bin");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no checkpoint here; train this run first.", path);
        model.load(path);
    }
}
