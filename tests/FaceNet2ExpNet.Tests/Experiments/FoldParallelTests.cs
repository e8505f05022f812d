using System.Text.Json;
using System.Text.RegularExpressions;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Experiments.Claims;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>The smoke corpora, generated once for the fold-parallel tests.</summary>
public sealed class SmokeData : IDisposable
{
    private readonly TempDir dir = new();
    public SmokeData() => SyntheticCorpora.Ensure(SyntheticOptions.Smoke, Root);
    public string Root => dir["data"];
    public void Dispose() => dir.Dispose();
}

/// <summary>
/// Several `fn2en run` processes sharing one run store, as a Slurm array or `xargs -P` runs them: disjoint folds give the
/// table of one process, the same fold is trained once, and a killed claimant's run is resumed by the next process.
/// </summary>
public sealed class FoldParallelTests(SmokeData data) : IClassFixture<SmokeData>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string[] Run(string runs, params string[] extra) => ["run", "--profile", "smoke", "--data", data.Root, "--runs", dir[runs], .. extra];

    private Fn2EnProcess Start(string runs, params string[] extra) => new(dir.Path, Run(runs, extra));

    /// <summary>Labels of the runs a process trained ("[fn2en fold-0] training → …"), in order.</summary>
    private static List<string> Trained(string log) =>
        Regex.Matches(log, @"^\[([^\]]+)\] training → ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

    private static Dictionary<string, FoldMetrics> Metrics(string runs) =>
        Directory.EnumerateFiles(runs, "metrics.json", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(runs, f), FoldMetrics.Load);

    private static void NoClaimsLeft(string runs)
    {
        var left = Directory.EnumerateFiles(runs, RunClaims.FileName + "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(runs, f)).ToList();
        Assert.True(left.Count == 0, $"claims left behind: {string.Join(", ", left)}");
    }

    /// <summary>A file of a run's last (complete) checkpoint.</summary>
    private static bool IsLast(string file) => Path.GetFileName(Path.GetDirectoryName(file)) == Checkpoint.Last;

    /// <summary>Steps skipped for a non-finite gradient anywhere in a store: libtorch's CPU nondeterminism struck (environment.md).</summary>
    private static double SkippedSteps(string runs) =>
        Directory.EnumerateFiles(runs, "history.json", SearchOption.AllDirectories).Where(IsLast)
            .Sum(f => TrainingHistory.Load(f).Epochs.Sum(e => e.Metrics.GetValueOrDefault("skipped_steps")));

    [Fact]
    public void Two_processes_on_disjoint_folds_give_the_results_table_of_one_process()
    {
        using (var whole = Start("whole")) Assert.True(whole.Wait() == 0, whole.Err);

        using var first = Start("shared", "--folds", "0");
        using var second = Start("shared", "--folds", "1");
        Assert.True(first.Wait() == 0, first.Err);
        Assert.True(second.Wait() == 0, second.Err);

        // Each process trained its own fold's runs; the shared face-net pre-training was trained by exactly one of them.
        var trained = Trained(first.Out).Concat(Trained(second.Out)).ToList();
        Assert.Equal(trained.Distinct(), trained);
        Assert.Single(trained, "facenet-pretrain");
        Assert.All(Trained(first.Out), r => Assert.DoesNotContain("fold-1", r));
        Assert.All(Trained(second.Out), r => Assert.DoesNotContain("fold-0", r));
        Assert.Equal(9, trained.Count);   // pre-training + 2 folds × (fine-tune, scratch-BN, stage 1, stage 2)
        NoClaimsLeft(dir["shared"]);

        // The same runs (same config ids), with the same results up to libtorch's CPU nondeterminism: losses to 1e-3,
        // accuracies to 2 test images — unless a step was skipped for a NaN gradient (it happens under load, and moves
        // a near-chance smoke model's predictions wholesale), in which case only the losses can be compared.
        var expected = Metrics(dir["whole"]);
        var actual = Metrics(dir["shared"]);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        var nanStruck = SkippedSteps(dir["whole"]) + SkippedSteps(dir["shared"]) > 0;
        foreach (var (run, m) in expected)
        {
            var r = actual[run];
            Assert.True(Math.Abs(m.FinalTrainingLoss - r.FinalTrainingLoss) <= 1e-3 * Math.Abs(m.FinalTrainingLoss) + 1e-9,
                $"{run}: final loss {m.FinalTrainingLoss} by one process, {r.FinalTrainingLoss} by two");
            Assert.Equal(m.Accuracy.HasValue, r.Accuracy.HasValue);
            if (m.Accuracy is { } a && !nanStruck)
                Assert.True(Math.Abs(a - r.Accuracy!.Value) * m.TestImages <= 2.001, $"{run}: accuracy {a:P2} by one process, {r.Accuracy:P2} by two");
        }

        // `fn2en results` finds every run in both stores, and the table `fn2en run` wrote once it was complete (by the
        // last of the two processes to finish, in the shared store) is the same from both.
        var tables = new[] { "whole", "shared" }.Select(runs =>
        {
            var (code, stdout, stderr) = Fn2EnProcess.Run(dir.Path, "results", "--profile", "smoke", "--data", data.Root, "--runs", dir[runs]);
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("Not in the table yet", stdout);
            var written = Path.Combine(dir[runs], "synthetic-ck", "smoke", "results-vgg16-bn.json");
            Assert.True(File.Exists(written), $"{runs}: fn2en run did not write {written}");
            return JsonSerializer.Deserialize<ResultsTable>(File.ReadAllText(written))!;
        }).ToList();
        Assert.Equal(tables[0].Rows.Select(r => (r.Method, r.Folds)), tables[1].Rows.Select(r => (r.Method, r.Folds)));
        var twoImages = 2.001 / expected.Values.Where(m => m.Accuracy.HasValue).Min(m => m.TestImages);
        foreach (var (one, two) in tables[0].Rows.Zip(tables[1].Rows))
            Assert.True(nanStruck ? double.IsFinite(two.Mean) : Math.Abs(one.Mean - two.Mean) <= twoImages, $"{one.Method}: {one.Ours} by one process, {two.Ours} by two");
    }

    [Fact]
    public void Two_processes_on_the_same_fold_train_each_run_once()
    {
        using var first = Start("shared", "--folds", "0");
        using var second = Start("shared", "--folds", "0");
        Assert.True(first.Wait() == 0, first.Err);
        Assert.True(second.Wait() == 0, second.Err);

        var trained = Trained(first.Out).Concat(Trained(second.Out)).ToList();
        Assert.Equal(["facenet-pretrain", "fn2en fold-0", "fn2en-stage1 fold-0", "scratch-bn fold-0", "vgg-finetune fold-0"], trained.Order());
        // The runs both processes ask for: whichever did not train one waited for it (or found it finished) and reused it.
        foreach (var run in new[] { "scratch-bn fold-0", "vgg-finetune fold-0", "fn2en fold-0" })
            Assert.True(first.Out.Contains($"[{run}] reused") != second.Out.Contains($"[{run}] reused"), $"{run}:\n{first.Out}\n---\n{second.Out}");
        Assert.Equal(5, Metrics(dir["shared"]).Count);
        Assert.All(Directory.EnumerateFiles(dir["shared"], "history.json", SearchOption.AllDirectories),
            f => Assert.Equal(-1, TrainingHistory.Load(f).ResumedAfter));   // nobody resumed a run another process had begun
        NoClaimsLeft(dir["shared"]);
    }

    [Fact]
    public void A_killed_claimants_run_is_taken_over_once_its_heartbeat_is_stale_and_resumes_from_its_checkpoint()
    {
        // Kill the first process (SIGKILL: no handler runs, the claim stays) once face-net pre-training has its first
        // checkpoint (after epoch 1 of 2).
        var pretraining = dir["shared/synthetic-faces"];
        int killedPid;
        using (var killed = Start("shared", "--folds", "0", "--stale-after", "0.05"))   // 3 s, as every process of a job would be told
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Directory.Exists(pretraining) || !Directory.EnumerateFiles(pretraining, "checksums.json", SearchOption.AllDirectories).Any(IsLast))
            {
                Assert.True(DateTime.UtcNow < deadline && !killed.HasExited, $"no checkpoint appeared before the run ended:\n{killed.Out}");
                Thread.Sleep(20);
            }
            killed.Kill();
        }
        Assert.Empty(Directory.EnumerateFiles(pretraining, "metrics.json", SearchOption.AllDirectories));
        var lockFile = Directory.EnumerateFiles(pretraining, RunClaims.FileName, SearchOption.AllDirectories).Single();
        var claim = ClaimInfo.TryParse(File.ReadAllText(lockFile))!;
        killedPid = claim.Pid;
        // As if the killed process had run on another node: only the silence of its heartbeat can tell it is gone.
        File.WriteAllText(lockFile, (claim with { Host = "node-elsewhere", BootId = null }).ToJson());

        using var next = Start("shared", "--folds", "0", "--stale-after", "0.05");   // 3 s
        Assert.True(next.Wait() == 0, next.Err);
        Assert.True(next.Out.Contains("took over the run"), next.Out);
        Assert.Contains($"[facenet-pretrain] waiting: node-elsewhere pid {killedPid} (since ", next.Out);
        Assert.Contains($"[facenet-pretrain] took over the run: node-elsewhere pid {killedPid}", next.Out);
        Assert.Contains("has shown no heartbeat for", next.Out);
        Assert.Contains("] resuming after epoch 1/2", next.Out);
        var history = TrainingHistory.Load(Directory.EnumerateFiles(pretraining, "history.json", SearchOption.AllDirectories).Single(IsLast));
        Assert.Equal(0, history.ResumedAfter);
        Assert.Equal(5, Metrics(dir["shared"]).Count);
        NoClaimsLeft(dir["shared"]);
    }
}
