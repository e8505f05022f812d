namespace FaceNet2ExpNet.Experiments;

/// <summary>The run store under runs/ (README, "Running experiments directly"): finds or creates the folder of a run from its config.</summary>
public sealed class RunStore(string root = "runs")
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// The run of <paramref name="config"/> for <paramref name="fold"/>: runs/&lt;dataset&gt;/&lt;profile&gt;/&lt;method&gt;/&lt;id&gt;/&lt;fold&gt;.
    /// Writes config.json on first use; an existing config.json that differs is a hash collision and an error.
    /// </summary>
    public Run Open(RunConfig config, string fold)
    {
        var id = config.Id();
        var methodFolder = Path.Combine(Root, config.Data.Name, config.Profile, config.Method);
        var runFolder = Path.Combine(methodFolder, id);
        Directory.CreateDirectory(Path.Combine(runFolder, fold));
        var configPath = Path.Combine(runFolder, "config.json");
        var json = config.ToJson();
        if (!File.Exists(configPath))
        {
            File.WriteAllText(configPath + ".tmp", json + "\n");
            File.Move(configPath + ".tmp", configPath, overwrite: true);
        }
        else if (File.ReadAllText(configPath).TrimEnd() != json.TrimEnd())
            throw new InvalidOperationException($"{configPath} holds a different config with the same id {id}; move that folder away.");
        return new Run(Path.Combine(runFolder, fold), id, config, fold);
    }

    /// <summary>All config ids stored for a method (newest first), for browsing older runs.</summary>
    public IEnumerable<string> Ids(string dataset, string profile, string method)
    {
        var folder = Path.Combine(Root, dataset, profile, method);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).OrderByDescending(Directory.GetLastWriteTimeUtc).Select(d => Path.GetFileName(d))
            : [];
    }
}
