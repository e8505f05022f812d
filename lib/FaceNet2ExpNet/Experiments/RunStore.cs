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

    /// <summary>All config ids stored for a method (newest first), for browsing older runs.</summary>
    public IEnumerable<string> Ids(string dataset, string profile, string method)
    {
        var folder = Path.Combine(Root, dataset, profile, method);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).OrderByDescending(Directory.GetLastWriteTimeUtc).Select(d => Path.GetFileName(d))
            : [];
    }

    private static bool IsValidConfig(string path)
    {
        try { return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), RunConfig.Json) is { Method.Length: > 0, Data: not null }; }
        catch (Exception e) when (e is JsonException or NotSupportedException) { return false; }
    }
}
