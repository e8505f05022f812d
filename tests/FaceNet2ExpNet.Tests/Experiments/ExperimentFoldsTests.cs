using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Experiments.Claims;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>The library side of fold-parallel runs (what notebooks call): Train on some folds, ResultsSoFar, claims.</summary>
[Collection(TorchRng.Collection)]
public sealed class ExperimentFoldsTests : IDisposable
{
    private readonly TempDir dir = new();

    public ExperimentFoldsTests() => SyntheticCorpora.Ensure(Micro.Corpus, dir["data"]);

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Training_some_folds_leaves_the_others_missing_and_no_claim_behind()
    {
        var log = new StringWriter();
        using var e = new Experiment(Micro.Settings(dir), log);
        Assert.Empty(e.Train([Methods.Fn2En], folds: [1]));
        Assert.Contains("[synthetic-ck] the runs of fold 1 ready in", log.ToString());
        Assert.True(e.Run(Methods.Fn2En, 1).IsFinished);
        Assert.Throws<RunNotTrainedException>(() => e.Run(Methods.Fn2En, 0));

        var soFar = e.ResultsSoFar([Methods.Fn2En]);
        Assert.False(soFar.IsComplete);
        Assert.Equal(1, soFar.Table.Rows.Single().Folds);
        var missing = Assert.Single(soFar.Missing);
        Assert.Equal((Methods.Fn2En, 0, "not trained yet", false), (missing.Method, missing.Fold, missing.Reason, missing.Damaged));
        Assert.Empty(Directory.EnumerateFiles(dir["runs"], RunClaims.FileName + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Each_fold_trained_says_its_time_and_what_the_folds_still_to_train_will_take_at_that_pace()
    {
        var settings = Micro.Settings(dir).Set("folds", "3");
        using var e = new Experiment(settings, new StringWriter());
        e.Train([Methods.ScratchBn], folds: [1]);
        var log = new StringWriter();
        using var again = new Experiment(settings, log);
        again.Train([Methods.ScratchBn], folds: [0, 1, 2]);
        var lines = log.ToString().Split('\n').Where(l => l.Contains(" trained in ")).ToList();
        // Fold 1 was finished before: no line, and it is not counted among the folds still to train.
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^\[synthetic-ck\] fold 0 trained in \d+s; 1 fold still to train, ≈ \d+s at that pace$", lines[0].TrimEnd());
        Assert.Matches(@"^\[synthetic-ck\] fold 2 trained in \d+s$", lines[1].TrimEnd());
        Assert.Equal("26h05m", FaceNet2ExpNet.Training.ProgressLine.Duration(TimeSpan.FromMinutes(26 * 60 + 5)));
    }

    [Fact]
    public void Without_waiting_a_run_another_process_holds_is_a_clear_error_naming_the_holder()
    {
        var settings = Micro.Settings(dir) with { Claims = new ClaimOptions { Wait = false } };
        using var e = new Experiment(settings, new StringWriter());
        var folder = Path.Combine(dir["runs"], "synthetic-ck", "micro", Methods.ScratchBn.Key, e.Plan[Methods.ScratchBn, 0].Id, "fold-0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(RunClaims.LockFile(folder), (ThisProcess.NewClaim("scratch-bn fold-0", TimeSpan.FromSeconds(30)) with { Host = "node7" }).ToJson());
        var error = Assert.Throws<RunNotTrainedException>(() => e.Ensure(Methods.ScratchBn, 0));
        Assert.StartsWith("scratch-bn fold-0: node7 pid ", error.Message);
        Assert.EndsWith("is training it; not waiting for it (Claims.Wait is off).", error.Message);
        var skipped = e.Train([Methods.ScratchBn]);   // fold 0 held elsewhere: skipped; fold 1 trained
        Assert.Equal("scratch-bn fold-0", Assert.Single(skipped).Run);
        Assert.True(e.Run(Methods.ScratchBn, 1).IsFinished);
    }
}
