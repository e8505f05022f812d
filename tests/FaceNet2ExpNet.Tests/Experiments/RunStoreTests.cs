using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Experiments;

public class RunStoreTests
{
    private static RunConfig Config(double lr = 0.01) => RunConfig.For(Methods.Fn2En, FaceNets.Spec(FaceNets.Vgg16BnName),
        SettingValues.Of((Setting.ImageSize, 56), (Setting.InputSize, 48), (Setting.Width, 0.25), (Setting.BatchSize, 64),
            (Setting.WeightDecay, 5e-4), (Setting.Momentum, 0.9), (Setting.Seed, 1)).With(Methods.Fn2En, Schedule.Sgd(lr, 10, 5)),
        "quick", new DataRef("synthetic-ck", "abc123"), null) with
    {
        Parents = new() { ["fn2en-stage1"] = "0123abcd" },
    };

    [Fact]
    public void The_same_config_opens_the_same_run_and_a_changed_one_a_new_run()
    {
        using var dir = new TempDir();
        var store = new RunStore(dir.Path);
        var a = store.Open(Config(), "fold-3");
        Assert.Equal(Path.Combine(dir.Path, "synthetic-ck", "quick", "fn2en", a.Id, "fold-3"), a.Folder);
        Assert.Equal(a.Folder, store.Open(Config(), "fold-3").Folder);
        a.Finish(new FoldMetrics { Accuracy = 0.5 }, new TrainingHistory());

        var b = store.Open(Config(lr: 0.02), "fold-3");
        Assert.NotEqual(a.Id, b.Id);
        Assert.False(b.IsFinished);
        Assert.True(a.IsFinished, "the old run is kept");
        Assert.Equal(2, store.Ids("synthetic-ck", "quick", "fn2en").Count());
    }

    [Fact]
    public void A_run_finished_under_other_settings_is_named_with_the_set_that_finds_it()
    {
        using var dir = new TempDir();
        var store = new RunStore(dir.Path);
        store.Open(Config(lr: 0.02), "fold-3").Finish(new FoldMetrics { Accuracy = 0.5 }, new TrainingHistory());
        store.Open(Config(lr: 0.03), "fold-4").Finish(new FoldMetrics { Accuracy = 0.5 }, new TrainingHistory());   // another fold
        store.Open(Config(lr: 0.05), "fold-3");                                                                    // not finished
        store.Open(Config() with { Parents = new() { ["fn2en-stage1"] = "99999999" } }, "fold-3").Finish(new FoldMetrics { Accuracy = 0.5 }, new TrainingHistory());

        var found = store.FinishedUnderOtherSettings(Config(), "fold-3");

        // A setting left out of one config at its neutral value is named with that value.
        var mixed = Config() with { Settings = new(Config().Settings) { ["stage1.mixup"] = "1" } };
        store.Open(mixed, "fold-5").Finish(new FoldMetrics { Accuracy = 0.5 }, new TrainingHistory());
        store.Open(Config(), "fold-5").Finish(new FoldMetrics { Accuracy = 0.5 }, new TrainingHistory());
        Assert.Contains("--set stage1.mixup=1", store.FinishedUnderOtherSettings(Config(), "fold-5"));
        Assert.Contains("--set stage1.mixup=0", store.FinishedUnderOtherSettings(mixed, "fold-5"));

        Assert.Equal(2, found.Count);
        Assert.Contains("--set stage2.lr=0.02", found);
        Assert.Contains("another fn2en-stage1 (99999999)", found);
        Assert.Empty(store.FinishedUnderOtherSettings(Config(), "fold-7"));
        Assert.Empty(new RunStore(Path.Combine(dir.Path, "empty")).FinishedUnderOtherSettings(Config(), "fold-3"));
    }

    [Fact]
    public void Config_json_records_everything_and_a_different_config_under_the_same_id_is_refused()
    {
        using var dir = new TempDir();
        var store = new RunStore(dir.Path);
        var run = store.Open(Config(), "fold-0");
        var configPath = Path.Combine(Path.GetDirectoryName(run.Folder)!, "config.json");
        var json = File.ReadAllText(configPath);
        foreach (var key in new[] { "\"method\": \"fn2en\"", "\"stage2.lr\": \"0.01\"", "\"fingerprint\": \"abc123\"", "\"fn2en-stage1\": \"0123abcd\"", "\"width\": \"0.25\"" })
            Assert.Contains(key, json);
        File.WriteAllText(configPath, json.Replace("0.01", "0.5"));
        var e = Assert.Throws<InvalidOperationException>(() => store.Open(Config(), "fold-0"));
        Assert.Contains("different config", e.Message);
    }

    [Fact]
    public void Finish_writes_the_log_then_the_metrics()
    {
        using var dir = new TempDir();
        var run = new RunStore(dir.Path).Open(Config(), "fold-1");
        var history = new TrainingHistory();
        history.Epochs.Add(new EpochRecord(0, 1.5, 0.01, 2.0, new() { ["test_acc"] = 0.25 }));
        history.Epochs.Add(new EpochRecord(1, 0.75, 0.01, 2.0, new() { ["test_acc"] = 0.5 }));
        run.Finish(new FoldMetrics { Accuracy = 0.5, TestImages = 4 }, history);
        Assert.Equal(["epoch,loss,lr,seconds,test_acc", "1,1.5,0.01,2,0.25", "2,0.75,0.01,2,0.5"], File.ReadAllLines(Path.Combine(run.Folder, "log.csv")));
        Assert.Equal(0.5, run.Metrics.Accuracy);
    }
}

public class MetricsTests
{
    [Fact]
    public void Confusion_counts_rows_as_true_classes()
    {
        // labels: a a a b b c ; predicted: a b a b b a
        var m = FoldMetrics.From([0, 1, 0, 1, 1, 0], [0, 0, 0, 1, 1, 2], ["a", "b", "c"], 0.3, 1);
        Assert.Equal(4 / 6.0, m.Accuracy!.Value, 10);
        Assert.Equal([2, 1, 0], m.Confusion[0]);
        Assert.Equal([0, 2, 0], m.Confusion[1]);
        Assert.Equal([1, 0, 0], m.Confusion[2]);
        Assert.Equal(2 / 3.0, m.PerClassAccuracy[0]!.Value, 10);
        Assert.Equal(0.0, m.PerClassAccuracy[2]!.Value);
    }

    [Fact]
    public void Summary_is_mean_and_sample_std_over_folds_with_a_pooled_row_normalised_confusion()
    {
        var f1 = FoldMetrics.From([0, 1], [0, 1], ["a", "b"], 0, 0);            // 100 %
        var f2 = FoldMetrics.From([1, 1, 0, 0], [0, 1, 1, 0], ["a", "b"], 0, 0); // 50 %
        var s = new MethodSummary(Methods.Fn2En, [f1, f2]);
        Assert.Equal(0.75, s.Mean, 10);
        Assert.Equal(Math.Sqrt(2 * 0.25 * 0.25), s.Std, 10);   // sample std of {1, 0.5}
        Assert.Equal([[2, 1], [1, 2]], s.PooledConfusion);
        Assert.Equal(2 / 3.0, s.NormalisedConfusion[0][0], 10);
        Assert.Equal("75.0 ± 35.4 %", s.MeanStd);
    }

    [Fact]
    public void Paper_figures_match_the_papers_tables()
    {
        Assert.Equal(96.8, PaperResults.Figure("synthetic-ck", Methods.Fn2En));
        Assert.Equal(88.7, PaperResults.Figure("ck-plus", Methods.ScratchBn));
        Assert.Equal(89.9, PaperResults.Figure("ck-plus", Methods.FineTune));
        Assert.Equal(87.71, PaperResults.Figure("oulu-casia", Methods.Fn2En));
        Assert.Equal(82.5, PaperResults.Figure("tfd", Methods.ScratchBn));
        Assert.Equal(48.19, PaperResults.Figure("sfew", Methods.Fn2En));
        Assert.Equal(55.15, PaperResults.Figure("sfew", Methods.Fn2En, extraData: true));
        Assert.Null(PaperResults.Figure("sfew", Methods.ScratchBn, extraData: true));
    }
}
