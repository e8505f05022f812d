using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>Killing the experiment run part-way and running it again ends with the same results as an uninterrupted run.</summary>
public sealed class InterruptedRunTests
{
    [Fact]
    public void A_killed_and_restarted_run_ends_with_the_results_of_an_uninterrupted_one()
    {
        using var dir = new TempDir();
        SyntheticCorpora.Ensure(SyntheticOptions.Smoke, dir["data"]);
        var fn2en = Repo.Tool("fn2en", "fn2en");
        string[] Args(string runs) => ["run", "--profile", "smoke", "--data", dir["data"], "--runs", dir[runs]];
        // One intra-op thread: fewer of libtorch's CPU nondeterminisms (environment.md, "Reproducibility").
        var oneThread = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" };

        using (var whole = Repo.Start(fn2en, dir.Path, oneThread, Args("whole")))
        {
            Assert.True(whole.WaitForExit(TimeSpan.FromMinutes(5)), "uninterrupted run did not finish in 5 minutes");
            Assert.Equal(0, whole.ExitCode);
        }

        // Kill as soon as face-net pre-training has its first checkpoint (after epoch 1 of 2), then run again: the kill
        // lands inside a run, which must resume from that checkpoint. (Runs that finish before it, e.g. scratch-BN
        // fold 0's single epoch, are simply reused.)
        var pretraining = dir["resumed/synthetic-faces"];
        using (var killed = Repo.Start(fn2en, dir.Path, oneThread, Args("resumed")))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Directory.Exists(pretraining) || !Directory.EnumerateFiles(pretraining, "history.json", SearchOption.AllDirectories).Any())
            {
                Assert.True(DateTime.UtcNow < deadline && !killed.HasExited, "no checkpoint appeared before the run ended");
                Thread.Sleep(20);
            }
            killed.Kill(entireProcessTree: true);
            killed.WaitForExit();
        }
        Assert.Empty(Directory.EnumerateFiles(pretraining, "metrics.json", SearchOption.AllDirectories));
        using (var again = Repo.Start(fn2en, dir.Path, oneThread, Args("resumed")))
        {
            Assert.True(again.WaitForExit(TimeSpan.FromMinutes(5)), "restarted run did not finish in 5 minutes");
            Assert.Equal(0, again.ExitCode);
        }

        // The kill landed inside pre-training, and the restarted process resumed it from its checkpoint.
        var resumed = TrainingHistory.Load(Directory.EnumerateFiles(pretraining, "history.json", SearchOption.AllDirectories)
            .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == Checkpoint.Last));
        Assert.Equal(0, resumed.ResumedAfter);

        // The same runs, with the same results. Not bit for bit: libtorch's CPU kernels are not bit-reproducible on these
        // machines (two fresh, uninterrupted runs of vgg16-bn already differ from the 6th digit of the loss on; see
        // environment.md), so losses agree to 1e-3 and accuracies to 2 test images. A resume that lost the weights,
        // the momentum or the schedule misses by far more; TrainerTests checks resuming bit for bit where it is exact.
        var expected = Metrics(dir["whole"]);
        var actual = Metrics(dir["resumed"]);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.True(expected.Count >= 9, $"{expected.Count} finished runs");   // pretrain + 2 folds × (finetune, scratch, stage1, fn2en)
        foreach (var (run, m) in expected)
        {
            var r = actual[run];
            Assert.True(Math.Abs(m.FinalTrainingLoss - r.FinalTrainingLoss) <= 1e-3 * Math.Abs(m.FinalTrainingLoss) + 1e-9,
                $"{run}: final loss {m.FinalTrainingLoss} uninterrupted, {r.FinalTrainingLoss} resumed");
            Assert.Equal(m.Accuracy.HasValue, r.Accuracy.HasValue);
            if (m.Accuracy is { } a)
                Assert.True(Math.Abs(a - r.Accuracy!.Value) * m.TestImages <= 2.001, $"{run}: accuracy {a:P2} uninterrupted, {r.Accuracy:P2} resumed");
        }
    }

    private static Dictionary<string, FoldMetrics> Metrics(string runs) =>
        Directory.EnumerateFiles(runs, "metrics.json", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(runs, f), FoldMetrics.Load);
}
