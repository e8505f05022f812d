using FaceNet2ExpNet.Experiments.Claims;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>`fn2en run --folds`, `--no-wait` and `fn2en results` as a user types them (smoke profile, scratch-BN only: seconds).</summary>
public sealed class ResultsCommandTests(SmokeData data) : IClassFixture<SmokeData>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private (int Code, string Out, string Err) Fn2En(string verb, params string[] extra) =>
        Fn2EnProcess.Run(dir.Path, [verb, "--profile", "smoke", "--data", data.Root, "--runs", dir["runs"], "--methods", "scratch-bn", .. extra]);

    /// <summary>The results files written beside the runs (results-&lt;face net&gt;[-&lt;setup hash&gt;].md/.json).</summary>
    private string[] ResultsFiles(string pattern = "results*") =>
        Directory.Exists(dir["runs/synthetic-ck/smoke"]) ? Directory.GetFiles(dir["runs/synthetic-ck/smoke"], pattern) : [];

    private string RunFolder(int fold) => Path.Combine(Directory.GetDirectories(dir["runs/synthetic-ck/smoke/scratch-bn"]).Single(), $"fold-{fold}");

    [Fact]
    public void Results_before_anything_is_trained_is_one_line_with_the_command_that_trains()
    {
        var (code, stdout, stderr) = Fn2En("results");
        Assert.Equal(2, code);
        Assert.Equal("", stdout.Trim());
        Assert.StartsWith("fn2en: no run of this experiment is finished yet under ", stderr);
        Assert.Contains($"train with `fn2en run --dataset synthetic-ck --profile smoke --data {data.Root} --runs {dir["runs"]}`", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(dir["runs"]), "reading results wrote to the run store");
    }

    [Fact]
    public void Run_with_folds_trains_only_those_and_results_lists_the_rest_then_names_a_damaged_metrics_json()
    {
        var (code, stdout, stderr) = Fn2En("run", "--folds", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("[scratch-bn fold-1] training →", stdout);
        Assert.DoesNotContain("fold-0] training", stdout);
        Assert.False(File.Exists(Path.Combine(RunFolder(0), "metrics.json")));
        Assert.Contains("scratch-bn fold-0: not trained yet", stdout);
        Assert.True(ResultsFiles().Length == 0, "an incomplete table was written as the results");

        // Under another setting (as after a changed profile default) the finished run is named with the --set that finds it.
        (code, stdout, stderr) = Fn2En("results", "--set", "scratch.lr=0.123");
        Assert.Equal(2, code);
        Assert.Matches(@"runs finished with other settings are there \(e\.g\. scratch-bn fold-1 with --set scratch\.lr=[0-9.e-]+\)\.$", stderr.Trim());
        Assert.DoesNotContain("scratch.lr=0.123)", stderr);

        (code, stdout, stderr) = Fn2En("results");
        Assert.True(code == 0, stderr);
        Assert.Matches(@"Train From Scratch \(BN\)\s+\d+\.\d ± 0\.0 %\s+1 ", stdout);
        Assert.Contains("Not in the table yet (1 of 2 runs):", stdout);
        Assert.Contains("scratch-bn fold-0: not trained yet", stdout);

        // Another process training fold 0 shows as such.
        Directory.CreateDirectory(RunFolder(0));
        File.WriteAllText(RunClaims.LockFile(RunFolder(0)), (ThisProcess.NewClaim("scratch-bn fold-0", TimeSpan.FromSeconds(30)) with { Host = "node7", Pid = 4711 }).ToJson());
        (code, stdout, _) = Fn2En("results");
        Assert.Equal(0, code);
        Assert.Contains("scratch-bn fold-0: being trained by node7 pid 4711 (since ", stdout);
        File.Delete(RunClaims.LockFile(RunFolder(0)));

        var metrics = Path.Combine(RunFolder(1), "metrics.json");
        File.WriteAllText(metrics, "{ \"accuracy\": 0.25, \"classes\": [");
        (code, stdout, stderr) = Fn2En("results");
        Assert.Equal(2, code);
        Assert.StartsWith($"fn2en: error: {metrics} is damaged (not valid metrics JSON: ", stderr);
        Assert.Contains($"`fn2en run --dataset synthetic-ck --profile smoke --data {data.Root} --runs {dir["runs"]} --folds 1` re-evaluates it from its checkpoint", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", stdout + stderr);

        (code, stdout, stderr) = Fn2En("run", "--folds", "1");   // the way out the message names
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("epoch 1/1", stdout);   // re-evaluated from the checkpoint, not retrained
        Assert.Equal(0, Fn2En("results").Code);
    }

    [Fact]
    public void Results_of_every_fold_are_written_as_the_experiments_results_by_run_and_results_only_reads()
    {
        var (code, stdout, stderr) = Fn2En("run", "--folds", "0-1");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("Not in the table yet", stdout);
        Assert.Contains("(also written to", stdout);
        // One pair per face net and setup: a subset of the methods (--methods scratch-bn) adds a hash of the setup.
        var markdown = Assert.Single(ResultsFiles("results-vgg16-bn-*.md"));
        Assert.Matches(@"results-vgg16-bn-[0-9a-f]{8}\.md$", markdown);
        Assert.Contains("| Train From Scratch (BN) |", File.ReadAllText(markdown));
        var json = Assert.Single(ResultsFiles("results-vgg16-bn-*.json"));
        Assert.Equal(Path.ChangeExtension(markdown, ".json"), json);
        using (var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json)))
            Assert.Equal(["scratch-bn"], record.RootElement.GetProperty("settings").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(2, ResultsFiles().Length);

        File.Delete(markdown);
        File.Delete(json);
        (code, stdout, stderr) = Fn2En("results");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("Not in the table yet", stdout);
        Assert.Matches(@"Train From Scratch \(BN\)\s+\d+\.\d ± \d+\.\d %\s+2 ", stdout);
        Assert.DoesNotContain("(also written to", stdout);
        Assert.True(ResultsFiles().Length == 0, "fn2en results wrote a file");
    }

    [Fact]
    public void No_wait_skips_a_run_another_process_is_training_and_says_who()
    {
        Assert.Equal(0, Fn2En("run", "--folds", "0").Code);
        Directory.CreateDirectory(RunFolder(1));
        File.WriteAllText(RunClaims.LockFile(RunFolder(1)), (ThisProcess.NewClaim("scratch-bn fold-1", TimeSpan.FromSeconds(30)) with { Host = "node7", Pid = 4711 }).ToJson());
        var (code, stdout, stderr) = Fn2En("run", "--folds", "1", "--no-wait");
        Assert.True(code == 0, stderr);
        Assert.Contains("[scratch-bn fold-1] skipped: node7 pid 4711 (since ", stdout);
        Assert.Contains("is training it (not waiting: --no-wait)", stdout);
        Assert.False(File.Exists(Path.Combine(RunFolder(1), "metrics.json")));
        Assert.Contains("scratch-bn fold-1: being trained by node7 pid 4711", stdout);
    }

    [Theory]
    [InlineData("5", "Fold 5 is not one of this experiment's folds 0–1 (the setting folds = 2; synthetic-ck has 10). Add --set folds=all (or folds=6)")]
    [InlineData("10", "Fold 10 does not exist: synthetic-ck has 10 folds (0–9).")]
    [InlineData("2-1", "--folds '2-1': the range 2-1 runs backwards; write 1-2.")]
    public void A_fold_outside_the_experiment_is_one_clear_line_and_exit_code_2(string folds, string message)
    {
        var (code, stdout, stderr) = Fn2En("run", "--folds", folds);
        Assert.Equal(2, code);
        Assert.StartsWith($"fn2en: error: {message}", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("training", stdout);
    }

    [Fact]
    public void A_fold_beyond_the_profiles_is_trained_once_the_setting_includes_it()
    {
        var (code, stdout, stderr) = Fn2En("run", "--folds", "5", "--set", "folds=all");
        Assert.True(code == 0, stderr);
        Assert.Contains("[scratch-bn fold-5] training →", stdout);
        Assert.Contains("Not in the table yet (9 of 10 runs):", stdout);
        // The setting decides the table, not the run ids: the 2-fold table of the profile has no fold 5 and misses its two folds.
        (code, stdout, _) = Fn2En("results");
        Assert.Equal(2, code);   // nothing of folds 0–1 is finished
    }
}
