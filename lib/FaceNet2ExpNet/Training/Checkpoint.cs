using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// A run's checkpoints (TorchSharp format): model weights, optimizer state (momentum buffers) and history, plus
/// <c>checksums.json</c> (size and SHA-256 of each file, written last). Two are kept, <c>last</c> and <c>previous</c>,
/// so one damaged checkpoint costs one epoch, not the run. A new one is written to <c>last.partial</c> and only then
/// takes <c>last</c>'s place; a failed write (a full disk) removes the partial folder and leaves both intact.
/// </summary>
public static class Checkpoint
{
    public const string Last = "last", Previous = "previous", Staging = "last.partial";
    private const string Checksums = "checksums.json";
    private static readonly string[] Files = ["model.bin", "optimizer.bin", "history.json"];

    /// <summary>Writes a checkpoint after <paramref name="history"/>'s last epoch; the old last one becomes previous.</summary>
    /// <param name="open">Opens a file for writing (tests inject failing streams); default: a new file.</param>
    /// <exception cref="CheckpointWriteException">The checkpoint could not be written (the message says where, why and what space it needs).</exception>
    public static void Save(string dir, nn.Module model, OptimizerHelper optimizer, TrainingHistory history, Func<string, Stream>? open = null)
    {
        open ??= path => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        var staging = Path.Combine(dir, Staging);
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            Directory.CreateDirectory(staging);
            var sums = new Dictionary<string, FileSum>
            {
                ["model.bin"] = Write(open, Path.Combine(staging, "model.bin"), s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); model.save(w); }),
                ["optimizer.bin"] = Write(open, Path.Combine(staging, "optimizer.bin"), s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); optimizer.save_state_dict(w); }),
                ["history.json"] = Write(open, Path.Combine(staging, "history.json"), history.Save),
            };
            Write(open, Path.Combine(staging, Checksums), s => JsonSerializer.Serialize(s, new Manifest(history.Epochs.Count, sums), Json));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new CheckpointWriteException(WriteFailure(dir, staging, e), e);
        }
        Rotate(dir, staging);
    }

    /// <summary>
    /// Restores the newest checkpoint that verifies and loads into <paramref name="model"/> and
    /// <paramref name="optimizer"/>; null if there is none. Damaged ones are skipped, each with a line on <paramref name="log"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Checkpoints exist but none loads (the message lists why and the way out).</exception>
    public static TrainingHistory? TryLoad(string dir, nn.Module model, OptimizerHelper optimizer, TextWriter? log = null) =>
        LoadNewest(dir, log, folder =>
        {
            Read(folder, "model.bin", s => { using var r = new BinaryReader(s); model.load(r); });
            Read(folder, "optimizer.bin", s => { using var r = new BinaryReader(s); optimizer.load_state_dict(r); });
            return TrainingHistory.Load(Path.Combine(folder, "history.json"));
        });

    /// <summary>Loads the weights of a finished run (its last checkpoint, which holds the final weights) into <paramref name="model"/>.</summary>
    /// <exception cref="FileNotFoundException">The run has no checkpoint.</exception>
    /// <exception cref="InvalidDataException">The final checkpoint is damaged, or intact but saved from another network
    /// than <paramref name="model"/> (a run store written by an older version of the project); the message says which.</exception>
    public static void LoadWeights(string dir, nn.Module model)
    {
        var folder = Path.Combine(dir, Last);
        if (!File.Exists(Path.Combine(folder, "model.bin"))) throw new FileNotFoundException($"{folder}: no checkpoint here; train this run first.", folder);
        try { Verify(folder); }
        catch (Exception e) when (IsDamage(e))
        {
            throw new InvalidDataException($"{folder}: the run's final weights are damaged ({Reason(e)}). " +
                                           "Run `fn2en run` with the same settings: it retrains the run from its previous checkpoint.", e);
        }
        try { Read(folder, "model.bin", s => { using var r = new BinaryReader(s); model.load(r); }); }
        catch (Exception e) when (IsDamage(e))
        {
            // Checksums match, so the file is as it was written: by a network this code no longer builds for the run.
            var run = Path.GetDirectoryName(Path.GetFullPath(dir)) ?? dir;
            throw new InvalidDataException($"{folder}: the weights are intact but do not fit the network this version builds for the run " +
                                           $"({Reason(e)}) — the run was trained by an older version of the project. Move {run} aside " +
                                           "and run `fn2en run` with the same settings to train it again.", e);
        }
    }

    /// <summary>True when <paramref name="dir"/>'s last checkpoint is complete and its files match their checksums.</summary>
    public static bool IsIntact(string dir)
    {
        try { Verify(Path.Combine(dir, Last)); return true; }
        catch (Exception e) when (IsDamage(e)) { return false; }
    }

    private static TrainingHistory? LoadNewest(string dir, TextWriter? log, Func<string, TrainingHistory> load)
    {
        // last and previous are complete checkpoints, so damage to them is reported; a partial folder without its
        // checksums is an interrupted write (expected after a kill), and a complete one a kill between the renames.
        var failures = new List<string>();
        var verified = new List<(string Folder, int Epochs)>();
        foreach (var name in new[] { Last, Staging, Previous })
        {
            var folder = Path.Combine(dir, name);
            if (!Directory.Exists(folder) || (name == Staging && !File.Exists(Path.Combine(folder, Checksums)))) continue;
            try
            {
                Verify(folder);
                verified.Add((folder, EpochsOf(folder)));
            }
            catch (Exception e) when (IsDamage(e)) { failures.Add($"{folder} is damaged ({Reason(e)})"); }
        }
        foreach (var (folder, _) in verified.OrderByDescending(c => c.Epochs))
        {
            try
            {
                var history = load(folder);
                if (failures.Count > 0)
                    log?.WriteLine($"[checkpoint] {string.Join("; ", failures)} — resuming from {folder} (after epoch {history.Epochs.Count}) instead");
                return history;
            }
            catch (Exception e) when (IsDamage(e)) { failures.Add($"{folder} is damaged ({Reason(e)})"); }
        }
        if (failures.Count == 0) return null;
        throw new InvalidDataException($"{string.Join("; ", failures)}. No checkpoint of this run loads: delete {dir} to start the run afresh.");
    }

    /// <summary>Checks that every file of a checkpoint folder has the size and SHA-256 its checksums.json records.</summary>
    private static void Verify(string folder)
    {
        var path = Path.Combine(folder, Checksums);
        if (!File.Exists(path)) throw new InvalidDataException("no checksums.json: the checkpoint was not completely written");
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException("empty checksums.json");
        foreach (var file in Files)
        {
            if (!manifest.Files.TryGetValue(file, out var expected)) throw new InvalidDataException($"checksums.json does not list {file}");
            var info = new FileInfo(Path.Combine(folder, file));
            if (!info.Exists) throw new InvalidDataException($"{file} is missing");
            if (info.Length != expected.Size) throw new InvalidDataException($"{file} has {info.Length} bytes, {expected.Size} were written");
            using var stream = info.OpenRead();
            if (Convert.ToHexStringLower(SHA256.HashData(stream)) != expected.Sha256) throw new InvalidDataException($"{file} does not match its checksum");
        }
    }

    private static int EpochsOf(string folder)
    {
        try { return JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(folder, Checksums)), Json)?.Epochs ?? -1; }
        catch (Exception e) when (IsDamage(e)) { return -1; }
    }

    /// <summary>last → previous, staging → last; a kill in between leaves a complete staging folder that LoadNewest finds.</summary>
    private static void Rotate(string dir, string staging)
    {
        var last = Path.Combine(dir, Last);
        var previous = Path.Combine(dir, Previous);
        if (Directory.Exists(last))
        {
            TryDelete(previous);
            Directory.Move(last, previous);
        }
        Directory.Move(staging, last);
    }

    private static FileSum Write(Func<string, Stream> open, string path, Action<Stream> body)
    {
        using var file = open(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var hashing = new HashingStream(file, hash)) body(hashing);
        file.Flush();
        return new FileSum(file.Length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Read(string folder, string file, Action<Stream> body)
    {
        using var stream = File.OpenRead(Path.Combine(folder, file));
        body(stream);
    }

    private static string WriteFailure(string dir, string staging, Exception e)
    {
        var last = Path.Combine(dir, Last);
        var needed = Directory.Exists(last) ? Directory.EnumerateFiles(last).Sum(f => new FileInfo(f).Length) : 0;
        var free = TryFreeBytes(dir);
        var kept = File.Exists(Path.Combine(last, Checksums)) ? $"The last good checkpoint ({last}, after epoch {EpochsOf(last)}) is intact" : "No earlier checkpoint exists";
        return $"could not write the checkpoint {staging}: {e.Message.TrimEnd('.')}. " +
               (needed > 0 ? $"It needs about {needed / 1e6:F0} MB" : "It needs room for the model and optimizer state") +
               (free is { } f ? $" and {f / 1e6:F0} MB are free there. " : ". ") +
               $"{kept}; the partial checkpoint was removed. Free some space and run the same command again: the run resumes from there.";
    }

    private static long? TryFreeBytes(string dir)
    {
        try { return new DriveInfo(Path.GetFullPath(dir)).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return null; }
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool IsDamage(Exception e) =>
        e is IOException or InvalidDataException or JsonException or ArgumentException or ExternalException or FormatException or NotSupportedException;

    private static string Reason(Exception e) => e.Message.TrimEnd('.');

    private sealed record FileSum(long Size, string Sha256);
    private sealed record Manifest(int Epochs, Dictionary<string, FileSum> Files);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}

/// <summary>A checkpoint could not be written (typically a full disk); the previous checkpoints are intact.</summary>
public sealed class CheckpointWriteException(string message, Exception inner) : IOException(message, inner);
