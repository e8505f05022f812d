using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Cli;

/// <summary>
/// Prints an experiment's table (and what is missing) and, from <c>fn2en run</c> once the table is complete, writes it
/// beside its runs as results-&lt;face net&gt;[-&lt;setup hash&gt;].md and .json: one pair per face net, overrides and
/// methods, so a run with other settings never replaces another's table. The .json records that setup.
/// </summary>
public static class ResultsFiles
{
    public static void Print(ResultsSoFar results, Experiment experiment, IReadOnlyCollection<MethodSpec> methods, bool write)
    {
        Console.WriteLine();
        Console.WriteLine(results);
        if (!results.IsComplete)
        {
            Console.WriteLine($"(the table holds the finished folds only; `{experiment.Command("results")}` prints it again once the others are done)");
            return;
        }
        if (!write) return;
        var (md, json) = Paths(experiment, methods);
        const string wayOut = "the table above is complete; free some space and run the same `fn2en run` again to write it";
        AtomicFile.Write(md, results.Table.ToMarkdown() + "\n", wayOut);
        var record = JsonSerializer.SerializeToNode(results.Table, new JsonSerializerOptions { WriteIndented = true })!.AsObject();
        record["settings"] = new JsonObject
        {
            ["dataset"] = experiment.Settings.Dataset, ["profile"] = experiment.Profile.Name, ["faceNet"] = experiment.FaceNet,
            ["methods"] = new JsonArray(methods.Select(m => (JsonNode)m.Key).ToArray()),
            ["overrides"] = new JsonObject(experiment.Settings.Overrides.Names.Select(n =>
                KeyValuePair.Create(n, (JsonNode?)experiment.Settings.Overrides.Text(Setting.Find(n))))),
            ["command"] = experiment.Command("run"),
        };
        AtomicFile.Write(json, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", wayOut);
        Console.WriteLine($"(also written to {md})");
    }

    /// <summary>results-&lt;face net&gt;.md/.json for the profile's own settings and all methods; with overrides or a subset of methods, a hash of them is added.</summary>
    public static (string Markdown, string Json) Paths(Experiment experiment, IReadOnlyCollection<MethodSpec> methods)
    {
        var folder = Path.Combine(experiment.Settings.RunsRoot, experiment.Settings.Dataset, experiment.Profile.Name);
        var setup = experiment.Settings.SetOptions + (methods.Count == Methods.Compared.Count ? "" : " --methods " + string.Join(",", methods));
        var name = $"results-{experiment.FaceNet}" + (setup.Length == 0 ? "" : "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(setup)))[..8].ToLowerInvariant());
        return (Path.Combine(folder, name + ".md"), Path.Combine(folder, name + ".json"));
    }
}
