using System.Text.Json.Nodes;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The one-time move of a run store made before run configs recorded only the settings that decide each run
/// (config.json with top-level <c>imageSize</c>, <c>network</c>, <c>recipe</c>, …, and no <c>settings</c>). Each
/// such run folder is renamed to the id its config has now — the same values, written as settings, with what the
/// settings added since then set as those runs were trained (split test, teacher layer pool5, the teacher run on every
/// step, no minimum steps, no batch norm in FN2EN's ExpNet) — parents first, so children record their parents' new ids.
/// Nothing is deleted; a folder whose new name is taken is left where it is and reported.
/// </summary>
public static class RunStoreMigration
{
    /// <summary>A legacy run folder renamed (or, when <see cref="Moved"/> is false, left and why).</summary>
    public sealed record Move(string From, string To, bool Moved, string? Why = null);

    /// <summary>True when a legacy config.json lies under <paramref name="folder"/> (runs/&lt;dataset&gt;/&lt;profile&gt;, or the whole store).</summary>
    public static bool HasLegacyRuns(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "config.json", SearchOption.AllDirectories).Any(IsLegacy);

    /// <summary>Renames every legacy run under <paramref name="runsRoot"/> to its current id; <paramref name="log"/> gets one line per folder.</summary>
    public static IReadOnlyList<Move> Migrate(string runsRoot, TextWriter log)
    {
        var moves = new List<Move>();
        var renamed = new Dictionary<(string Method, string Id), string>();
        var legacy = Directory.Exists(runsRoot)
            ? Directory.EnumerateFiles(runsRoot, "config.json", SearchOption.AllDirectories).Where(IsLegacy).ToList()
            : [];
        // Parents first, so a child's config can name its parents' new ids.
        foreach (var method in Methods.All)
        foreach (var path in legacy.Where(p => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))!) == method.Key))
        {
            var folder = Path.GetDirectoryName(path)!;
            var oldId = Path.GetFileName(folder);
            var config = Convert(JsonNode.Parse(File.ReadAllText(path))!.AsObject(), method, renamed);
            var newId = config.Id();
            var target = Path.Combine(Path.GetDirectoryName(folder)!, newId);
            renamed[(method.Key, oldId)] = newId;
            if (Directory.Exists(target))
            {
                moves.Add(new Move(folder, target, false, "a folder with the new id exists already"));
                log.WriteLine($"[migrate] {Shown(folder)}: left in place, {newId} exists already");
                continue;
            }
            Directory.Move(folder, target);
            AtomicFile.Write(Path.Combine(target, "config.json"), config.ToJson() + "\n", "free some space and run `fn2en migrate` again");
            moves.Add(new Move(folder, target, true));
            log.WriteLine($"[migrate] {Shown(folder)} → {newId}");
        }
        return moves;
    }

    private static bool IsLegacy(string configPath)
    {
        try { return JsonNode.Parse(File.ReadAllText(configPath)) is JsonObject o && o["settings"] is null && o["recipe"] is not null; }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException) { return false; }
    }

    /// <summary>The current config of a legacy one (its parents' ids looked up in <paramref name="renamed"/>).</summary>
    public static RunConfig Convert(JsonObject old, MethodSpec method, IReadOnlyDictionary<(string Method, string Id), string> renamed)
    {
        var recipe = old["recipe"]!.AsObject();
        var compute = old["compute"]?.AsObject();
        var values = SettingValues.Empty
            .With(Setting.ImageSize, (int)old["imageSize"]!).With(Setting.InputSize, (int)old["network"]!["inputSize"]!)
            .With(Setting.Width, (double)old["network"]!["width"]!).With(Setting.BatchSize, (int)old["batchSize"]!)
            .With(Setting.Momentum, (double)old["momentum"]!).With(Setting.WeightDecay, (double)old["weightDecay"]!).With(Setting.Seed, (int)old["seed"]!)
            .With(Setting.Precision, (string?)compute?["precision"] ?? "fp32").With(Setting.ChannelsLast, (bool?)compute?["channelsLast"] ?? false)
            .With(Setting.RegressionP, (double?)old["regressionP"] ?? 2).With(Setting.StandardizeTeacher, (bool?)old["standardizeTeacher"] ?? false)
            .With(Setting.UpsampleBeforeBridge, (bool?)old["upsampleBeforeBridge"] ?? false)
            .With(method, new Schedule
            {
                Lr = (double)recipe["lr"]!, Epochs = (int)recipe["epochs"]!, StepEvery = (int?)recipe["stepEvery"] ?? 0, Gamma = (double?)recipe["gamma"] ?? 0.1,
                WarmupEpochs = (int?)recipe["warmupEpochs"] ?? 0, NewLayerLrMult = (double?)recipe["newLayerLrMult"] ?? 1, ClipGradNorm = (double?)recipe["clipGradNorm"],
            });
        var faceNet = (string?)old["faceNet"];
        var data = Data(old["data"]!)!;
        var config = RunConfig.For(method, FaceNets.Spec(faceNet ?? FaceNets.Vgg16BnName), values, (string)old["profile"]!, data, Data(old["extraTrainingData"]));
        var parents = old["parents"]?.AsObject() ?? [];
        return config with
        {
            Parents = new SortedDictionary<string, string>(parents.ToDictionary(p => p.Key,
                p => renamed.TryGetValue((p.Key, (string)p.Value!), out var id) ? id : (string)p.Value!), StringComparer.Ordinal),
        };
    }

    private static DataRef? Data(JsonNode? node) => node is JsonObject d ? new DataRef((string)d["name"]!, (string)d["fingerprint"]!) : null;

    private static string Shown(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
