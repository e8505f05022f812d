using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>The whole method on a micro synthetic corpus: every run, reuse, new runs on change, protocol, divergence.</summary>
[Collection(TorchRng.Collection)]
public sealed class ExperimentTests : IDisposable
{
    private static readonly SyntheticOptions Micro = new()
    {
        ImageSize = 36, Identities = 10, ImagesPerIdentity = 4, TestImagesPerIdentity = 1, Subjects = 12, SequenceScale = 0.06,
    };

    private static readonly Profile MicroProfile = Profile.Smoke with
    {
        Name = "micro", Synthetic = Micro, ImageSize = 36, Network = new NetworkSize(32, 0.0625), Folds = 2, BatchSize = 16,
        FacePretrain = new(0.01, 1, 0), FineTune = new(0.01, 1, 0), ScratchBn = new(0.01, 1, 0), Stage1 = new(1e-3, 2, 0), Stage2 = new(0.01, 1, 0),
    };

    private readonly TempDir dir = new();

    public ExperimentTests() => SyntheticCorpora.Ensure(Micro, dir["data"]);

    public void Dispose() => dir.Dispose();

    private Experiment Experiment(Profile? profile = null, StringWriter? log = null) => new(new ExperimentSettings
    {
        Dataset = "synthetic-ck", Profile = profile ?? MicroProfile, DataRoot = dir["data"], RunsRoot = dir["runs"],
    }, log ?? new StringWriter());

    [Fact]
    public void Runs_every_method_on_every_fold_and_reuses_finished_runs()
    {
        using (var first = Experiment())
        {
            var table = first.RunAll();
            Assert.Equal(["Train From Scratch (BN)", "VGG Fine-Tune (baseline)", "FN2EN"], table.Rows.Select(r => r.Method));
            Assert.All(table.Rows, r => { Assert.Equal(2, r.Folds); Assert.InRange(r.Mean, 0, 1); });
            Assert.Equal("89.9 %", table.Rows[1].Paper);
            var stage1 = first.Stage1Run(0);
            Assert.Null(stage1.Metrics.Accuracy);
            Assert.Equal(2, stage1.History!.Epochs.Count);
            Assert.True(File.Exists(Path.Combine(first.FineTuneRun(1).Folder, "log.csv")));
        }
        var log = new StringWriter();
        using var second = Experiment(log: log);
        second.RunAll();
        Assert.DoesNotContain("training →", log.ToString());
        Assert.Contains("reused", log.ToString());
    }

    [Fact]
    public void A_changed_schedule_makes_new_runs_downstream_and_keeps_the_old_ones()
    {
        using (var e = Experiment()) e.Fn2EnRun(0);
        var changed = MicroProfile with { FineTune = new(0.02, 1, 0) };
        using var again = Experiment(changed);
        var old = new RunStore(dir["runs"]);
        var fineTune = again.FineTuneRun(0);
        var stage2 = again.Fn2EnRun(0);
        Assert.Equal(2, old.Ids("synthetic-ck", "micro", "vgg-finetune").Count());
        Assert.Equal(2, old.Ids("synthetic-ck", "micro", "fn2en-stage1").Count());   // stage 1's teacher changed
        Assert.Equal(2, old.Ids("synthetic-ck", "micro", "fn2en").Count());
        Assert.Single(old.Ids("synthetic-faces", "micro", "facenet-pretrain"));       // upstream unchanged: reused
        Assert.True(stage2.IsFinished && fineTune.IsFinished);
    }

    [Fact]
    public void No_test_subject_of_a_fold_appears_in_its_training_data()
    {
        using var e = Experiment(MicroProfile with { Folds = null });
        Assert.Equal(10, e.FoldCount);
        for (var k = 0; k < e.FoldCount; k++)
        {
            var (train, test) = e.FoldData(k);
            using (train) using (test)
            {
                var testSubjects = test.Rows.Select(r => e.Dataset.Rows[r].Subject).ToHashSet();
                Assert.NotEmpty(testSubjects);
                Assert.DoesNotContain(train.Rows, r => testSubjects.Contains(e.Dataset.Rows[r].Subject));
                Assert.Equal(e.Dataset.Rows.Count, train.Count + test.Count);
            }
        }
    }

    [Fact]
    public void A_diverging_stage1_stops_with_a_clear_message_and_leaves_no_nan_checkpoint()
    {
        using var e = Experiment(MicroProfile with { Stage1 = new(1e9, 2, 0) });
        var error = Assert.Throws<TrainingDivergedException>(() => e.Stage1Run(0));
        Assert.Contains("fn2en-stage1 fold 1/2", error.Message);
        Assert.Contains("Lower the learning rate", error.Message);
        var runs = Directory.GetDirectories(dir["runs"], "fold-0", SearchOption.AllDirectories).Where(d => d.Contains("fn2en-stage1")).ToList();
        Assert.Single(runs);
        Assert.False(File.Exists(Path.Combine(runs[0], "metrics.json")));
        var model = Path.Combine(runs[0], "checkpoints", "last", "model.bin");
        if (File.Exists(model))
        {
            using var net = new ExpNet(e.ExpNetOptions());
            net.load(model);
            Assert.All(net.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
        }
    }
}
