using System.Diagnostics;
using System.Text.RegularExpressions;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.NotebookTool;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>
/// A change in a notebook's settings cell reaches everything the notebook shows: notebook 04 executed as its twin (the
/// kernel-free form; smoke profile, the tiny test corpus) once as committed and once with <c>stage2.lr</c> overridden
/// in its settings cell. The FN2EN run id it shows changes (and only that one: stage 1's and the baselines' stay), the
/// header names the override, and the accuracy its results table and its "What we see" show is each time the mean of
/// the runs with the id shown.
/// </summary>
public sealed partial class NotebookOverrideTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void An_override_in_the_settings_cell_changes_the_run_id_and_the_accuracy_shown()
    {
        SyntheticCorpora.Ensure(SyntheticOptions.Smoke, dir["data"]);
        var dib = File.ReadAllText(Path.Combine(Repo.Root, "notebooks", "04-stage2.dib"));
        const string commented = "// settings = settings.Set(\"stage2.lr\", 3e-4);";
        Assert.Contains(commented, dib);

        var before = Execute(dib, "as-is");
        var after = Execute(dib.Replace(commented, "settings = settings.Set(\"stage2.lr\", 0.05);"), "override");

        Assert.Contains("overrides: none", before.Report);
        Assert.Contains("overrides: stage2.lr=0.05", after.Report);
        Assert.NotEqual(before.Ids["fn2en"], after.Ids["fn2en"]);
        foreach (var unchanged in new[] { "vgg-finetune", "scratch-bn", "fn2en-stage1" }) Assert.Equal(before.Ids[unchanged], after.Ids[unchanged]);
        foreach (var shown in new[] { before, after })
        {
            var expected = StoredMean(shown.Ids["fn2en"]);
            Assert.Equal(expected, shown.Fn2EnAccuracy);
            Assert.Contains($"FN2EN {expected}", shown.Report[shown.Report.IndexOf("## What we see", StringComparison.Ordinal)..]);
        }
    }

    private sealed record Shown(string Report, Dictionary<string, string> Ids, string Fn2EnAccuracy);

    /// <summary>The notebook's twin, written into a scratch folder (project reference: the repository's library) and run with dotnet run.</summary>
    private Shown Execute(string dibText, string name)
    {
        var folder = dir[name];
        Directory.CreateDirectory(folder);
        var project = Path.Combine(Repo.Root, TwinGenerator.LibraryProject);
        var twin = Path.Combine(folder, "04-stage2.cs");
        File.WriteAllText(twin, TwinGenerator.Generate(dibText, "04-stage2", project));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(twin);
        foreach (var (key, value) in new[] { ("PROFILE", "smoke"), ("DATA_ROOT", dir["data"]), ("RUNS_ROOT", dir["runs"]), ("REPORTS_ROOT", dir["reports-" + name]),
                                             ("DATASET", ""), ("FACE_NET", ""), ("DOTNET_CLI_TELEMETRY_OPTOUT", "1") })
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(15)), "the twin did not finish in 15 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet run {twin} exited with {process.ExitCode}:\n{Tail(stdout.Result)}\n{Tail(stderr.Result)}");
        var report = File.ReadAllText(Path.Combine(dir["reports-" + name], "04-stage2", "report.md"));
        var ids = RunIdRow().Matches(report).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["id"].Value);
        var accuracy = Fn2EnRow().Match(report);
        Assert.True(accuracy.Success, $"no FN2EN row in the results table of {report}");
        return new Shown(report, ids, accuracy.Groups["acc"].Value);
    }

    /// <summary>FN2EN's mean ± std over the folds of the runs with <paramref name="id"/>, from their metrics.json, as the table prints it.</summary>
    private string StoredMean(string id)
    {
        var folds = Directory.GetDirectories(Path.Combine(dir["runs"], "synthetic-ck", "smoke", "fn2en", id), "fold-*").Order()
            .Select(f => FoldMetrics.Load(Path.Combine(f, "metrics.json"))).ToList();
        Assert.Equal(2, folds.Count);
        return new MethodSummary(FaceNet2ExpNet.Experiments.Methods.Fn2En, folds).MeanStd;
    }

    private static string Tail(string text) => string.Join("\n", text.Split('\n').TakeLast(15));

    [GeneratedRegex(@"^\| [^|]+ \| (?<key>[\w-]+) \| (?<id>[0-9a-f]{8}) \|$", RegexOptions.Multiline)]
    private static partial Regex RunIdRow();

    [GeneratedRegex(@"^\| FN2EN \| (?<acc>[^|]+?) \| \d+ \| [^|]+ \|$", RegexOptions.Multiline)]
    private static partial Regex Fn2EnRow();
}
