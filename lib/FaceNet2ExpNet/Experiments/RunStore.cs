using System.Text.Json;

namespace FaceNet2ExpNet.Experiments;

/// <summary>The run store under runs/: finds or creates the folder of a run from its config.</summary>
/// <param name="log">Where repairs are reported (a damaged config.json rewritten); null = nowhere.</param>
public sealed class RunStore(string root = "runs", TextWriter? log = null)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// The run of <paramref name="config"/> for <paramref name="fold"/>: runs/&lt;dataset&gt;/&lt;profile&gt;/&lt;method&gt;/&lt;id&gt;/&lt;fold&gt;.
    /// Writes config.json on first use, and again over a damaged one (the id is the hash of the config, so its content is known).
    /// </summary>
    /// <exception cref="InvalidOperationException">config.json holds another valid config under the same id (edited, or a hash collision).</exception>
    /// <exception cref="IOException">The folder or config.json cannot be written (a full disk); the message says which.</exception>
    public Run Open(RunConfig config, string fold)
    {
        var id = config.Id();
        var runFolder = Path.Combine(Root, config.Data.Name, config.Profile, config.Method, id);
        try { Directory.CreateDirectory(Path.Combine(runFolder, fold)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"could not create the run folder {Path.Combine(runFolder, fold)}: {e.Message.TrimEnd('.')}.", e);
        }
        var configPath = Path.Combine(runFolder, "config.json");
        var json = config.ToJson();
        const string wayOut = "free some space and run the same command again";
        if (!File.Exists(configPath)) AtomicFile.Write(configPath, json + "\n", wayOut);
        else if (File.ReadAllText(configPath).TrimEnd() != json.TrimEnd())
        {
            if (IsValidConfig(configPath))
                throw new InvalidOperationException($"{configPath} holds a different config with the same id {id} (edited by hand?); move that folder away.");
            AtomicFile.Write(configPath, json + "\n", wayOut);
            log?.WriteLine($"[runs] {configPath} was damaged; rewritten from the settings (its id is their hash)");
        }
        return new Run(Path.Combine(runFolder, fold), id, config, fold);
    }

    /// <summary>The run of <paramref name="config"/> for <paramref name="fold"/> as <see cref="Open"/> finds it, without creating or repairing anything (for readers).</summary>
    public Run Locate(RunConfig config, string fold)
    {
        var id = config.Id();
        return new Run(Path.Combine(Root, config.Data.Name, config.Profile, config.Method, id, fold), id, config, fold);
    }

    /// <summary>
    /// The run in <paramref name="foldFolder"/> (runs/&lt;dataset&gt;/&lt;profile&gt;/&lt;method&gt;/&lt;id&gt;/fold-&lt;k&gt;), its config read from
    /// config.json one level up: how a run found by its folder is opened (<c>fn2en predict --model</c>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidDataException">Not a run folder (the message says what to give instead), or its config.json is damaged.</exception>
    public static Run Read(string foldFolder)
    {
        foldFolder = Path.GetFullPath(foldFolder);
        if (!Directory.Exists(foldFolder)) throw new DirectoryNotFoundException($"{foldFolder}: no such run folder.");
        var configPath = Path.Combine(Path.GetDirectoryName(foldFolder)!, "config.json");
        if (!File.Exists(configPath))
        {
            var folds = Directory.GetDirectories(foldFolder, "fold-*").Select(d => Path.GetRelativePath(Environment.CurrentDirectory, d)).Order().ToList();
            throw new InvalidDataException(folds.Count > 0
                ? $"{foldFolder} holds the runs of several folds: give one of them ({string.Join(", ", folds.Take(3))}{(folds.Count > 3 ? ", …" : "")})."
                : $"{foldFolder}: not a run folder (no config.json one level up); give runs/<dataset>/<profile>/<method>/<id>/fold-<k>.");
        }
        RunConfig config;
        try
        {
            config = JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(configPath), RunConfig.Json) is { Method.Length: > 0, Data: not null, Settings: not null } c
                ? c : throw new InvalidDataException($"{configPath} is damaged (not a run config).");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new InvalidDataException($"{configPath} is damaged (not valid JSON: {e.Message.TrimEnd('.')}); `fn2en run` with the run's settings rewrites it.", e);
        }
        return new Run(foldFolder, Path.GetFileName(Path.GetDirectoryName(foldFolder)!), config, Path.GetFileName(foldFolder));
    }

    /// <summary>All config ids stored for a method (newest first), for browsing older runs.</summary>
    public IEnumerable<string> Ids(string dataset, string profile, string method)
    {
        var folder = Path.Combine(Root, dataset, profile, method);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).OrderByDescending(Directory.GetLastWriteTimeUtc).Select(d => Path.GetFileName(d))
            : [];
    }

    /// <summary>
    /// Finished runs of the same method, data, face net and fold as <paramref name="config"/> but under other settings,
    /// newest first, each as the settings that differ, in their values, the way --set takes them:
    /// "--set expnet.batch_norm=false" (a setting they leave out shows its <see cref="Setting.Neutral"/> value), or
    /// "another fn2en-stage1 (b3793595)" where only a parent differs. How results say
    /// that a run a user trained earlier still exists when a changed profile default gives the plan a new id.
    /// Damaged or foreign config.json files are skipped; nothing is written.
    /// </summary>
    public IReadOnlyList<string> FinishedUnderOtherSettings(RunConfig config, string fold)
    {
        var found = new List<string>();
        var ownId = config.Id();
        foreach (var id in Ids(config.Data.Name, config.Profile, config.Method).Where(id => id != ownId))
        {
            var folder = Path.Combine(Root, config.Data.Name, config.Profile, config.Method, id);
            if (!File.Exists(Path.Combine(folder, fold, "metrics.json"))) continue;
            RunConfig? other;
            try { other = JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(Path.Combine(folder, "config.json")), RunConfig.Json); }
            catch (Exception e) when (e is JsonException or NotSupportedException or IOException) { continue; }
            if (other is not { Settings: not null, Data: not null } || other.Data != config.Data || other.FaceNet != config.FaceNet
                || other.ExtraTrainingData != config.ExtraTrainingData || other.Unlabelled != config.Unlabelled) continue;
            var differing = config.Settings.Keys.Union(other.Settings.Keys).Order(StringComparer.Ordinal)
                .Where(k => config.Settings.GetValueOrDefault(k) != other.Settings.GetValueOrDefault(k))
                .Select(k => $"--set {k}={other.Settings.GetValueOrDefault(k) ?? Setting.All.FirstOrDefault(s => s.Name == k)?.Neutral ?? "default"}").ToList();
            if (differing.Count == 0)
                differing = [.. other.Parents.Where(p => config.Parents.GetValueOrDefault(p.Key) != p.Value).Select(p => $"another {p.Key} ({p.Value})")];
            if (differing.Count > 0) found.Add(string.Join(" ", differing));
        }
        return found;
    }

    private static bool IsValidConfig(string path)
    {
        try { return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), RunConfig.Json) is { Method.Length: > 0, Data: not null }; }
        catch (Exception e) when (e is JsonException or NotSupportedException) { return false; }
    }
}
