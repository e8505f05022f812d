using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>Damaged run-store files: each is named in one clear message, and `fn2en run` repairs what it can from checkpoints.</summary>
[Collection(TorchRng.Collection)]
public sealed class RunStoreRobustnessTests : IDisposable
{
    private readonly TempDir dir = new();

    public RunStoreRobustnessTests() => SyntheticCorpora.Ensure(Micro.Corpus, dir["data"]);

    public void Dispose() => dir.Dispose();

    private Experiment New(StringWriter? log = null) => new(Micro.Settings(dir), log ?? new StringWriter());

    [Fact]
    public void A_damaged_metrics_json_is_re_evaluated_from_the_checkpoint_by_a_training_pass_and_named_by_a_reading_one()
    {
        string metrics;
        double? accuracy;
        using (var e = New())
        {
            var run = e.Ensure(Methods.ScratchBn, 0);
            metrics = run.MetricsPath;
            accuracy = run.Metrics.Accuracy;
        }
        File.WriteAllText(metrics, "{ \"accuracy\": 0.5, \"classes\": [");   // cut off mid-write by a crash elsewhere

        using (var reader = New())
        {
            var error = Assert.Throws<RunNotTrainedException>(() => reader.Run(Methods.ScratchBn, 0));
            Assert.StartsWith($"{metrics} is damaged (not valid metrics JSON", error.Message);
            Assert.Contains("fn2en run --dataset synthetic-ck --profile micro", error.Message);
            Assert.Contains("re-evaluates the run from its checkpoint", error.Message);
        }

        var log = new StringWriter();
        using var repair = New(log);
        var again = repair.Ensure(Methods.ScratchBn, 0);
        Assert.Contains($"{metrics} is damaged", log.ToString());
        Assert.Contains("redoing the run from its newest good checkpoint", log.ToString());
        Assert.DoesNotContain("epoch 1/1", log.ToString());   // nothing retrained: the checkpoint holds every epoch
        Assert.Equal(accuracy, again.Metrics.Accuracy);
        Assert.True(File.Exists(metrics + ".damaged"), "the damaged file is kept beside, not deleted");
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    public void A_damaged_config_json_is_rewritten_from_the_settings(string damaged)
    {
        string config;
        using (var e = New()) config = Path.Combine(Path.GetDirectoryName(e.Ensure(Methods.ScratchBn, 0).Folder)!, "config.json");
        var original = File.ReadAllText(config);
        File.WriteAllText(config, damaged);
        var log = new StringWriter();
        using var again = New(log);
        Assert.True(again.Run(Methods.ScratchBn, 0).IsFinished);
        Assert.Contains($"[runs] {config} was damaged; rewritten from the settings", log.ToString());
        Assert.Equal(original, File.ReadAllText(config));
    }

    [Fact]
    public void A_config_json_edited_into_another_valid_config_is_refused()
    {
        string config;
        using (var e = New()) config = Path.Combine(Path.GetDirectoryName(e.Ensure(Methods.ScratchBn, 0).Folder)!, "config.json");
        var original = File.ReadAllText(config);
        Assert.Contains("\"seed\": \"1\"", original);
        File.WriteAllText(config, original.Replace("\"seed\": \"1\"", "\"seed\": \"2\""));
        using var again = New();
        var error = Assert.Throws<InvalidOperationException>(() => again.Run(Methods.ScratchBn, 0));
        Assert.Contains("holds a different config with the same id", error.Message);
    }

    [Fact]
    public void A_parent_whose_final_checkpoint_is_damaged_retrains_its_last_epoch_before_its_children_train()
    {
        string fineTune;
        using (var e = New()) fineTune = e.Ensure(Methods.FineTune, 0).CheckpointDir;
        var model = Path.Combine(fineTune, "last", "model.bin");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..1000]);

        using (var reader = New())
        {
            var error = Assert.Throws<InvalidDataException>(() => reader.LoadFineTuned(0));
            Assert.Contains($"{Path.Combine(fineTune, "last")}: the run's final weights are damaged", error.Message);
            Assert.Contains("Run `fn2en run` with the same settings", error.Message);
        }

        var log = new StringWriter();
        using var again = New(log);
        again.Ensure(Methods.Stage1, 0);
        var text = log.ToString();
        Assert.Contains("(the final weights) is damaged — redoing the run from its newest good checkpoint", text);
        Assert.Contains("resuming from", text);
        Assert.Contains("(after epoch 1) instead", text);
        Assert.Contains("epoch 2/2", text);          // the fine-tune's last epoch, retrained
        Assert.True(Checkpoint.IsIntact(fineTune));
        Assert.True(again.Run(Methods.Stage1, 0).IsFinished);
    }

    [Fact]
    public void A_damaged_history_of_a_finished_run_is_named_when_read()
    {
        string history;
        using (var e = New()) history = Path.Combine(e.Ensure(Methods.ScratchBn, 0).CheckpointDir, "last", "history.json");
        File.WriteAllText(history, "[1, 2");
        using var again = New();
        var error = Assert.Throws<InvalidDataException>(() => again.Run(Methods.ScratchBn, 0).History);
        Assert.StartsWith($"{history}: not a training history", error.Message);
    }
}
