using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

[Collection(TorchRng.Collection)]
public sealed class TrainerTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly ImageSet data;

    public TrainerTests()
    {
        // 6 subjects × 3 classes × 4 images = 72 images of 40 px; networks see 32 px random crops.
        var dataset = TinyDataset.Create(dir["tiny"], size: 40);
        data = dataset.Load(40);
    }

    public void Dispose()
    {
        data.Dispose();
        dir.Dispose();
    }

    private static TrainerOptions Options(int epochs, double lr = 0.01, string? checkpoints = null, int seed = 7) => new()
    {
        Schedule = new StepSchedule(lr, epochs, StepEvery: 0),
        BatchSize = 16, Crop = 32, Seed = seed, CheckpointDir = checkpoints, ProgressSeconds = 1e9,
    };

    private static ExpNet NewNet(int seed = 7)
    {
        manual_seed(seed);
        return new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.25) });
    }

    private TrainingHistory Fit(ExpNet net, TrainerOptions options, TextWriter? log = null, Func<Batch, Tensor>? loss = null) =>
        new Trainer(options, log ?? TextWriter.Null).Fit("test", net, net.parameters(),
            loss ?? (b => ClassificationLoss.Compute(net.forward(b.Images), b.Labels)), data);

    [Fact]
    public void Fifty_steps_on_generated_data_really_lower_the_loss()
    {
        using var net = NewNet();
        var history = Fit(net, Options(epochs: 10));   // 72 images / batch 16 = 5 steps per epoch → 50 steps

        Assert.Equal(10, history.Epochs.Count);
        Assert.True(history.Losses[^1] < 0.5 * history.Losses[0], $"loss {history.Losses[0]:F3} → {history.Losses[^1]:F3}");
        var accuracy = Evaluation.Accuracy(net, data, 32, Normalization.Standard);
        Assert.True(accuracy >= 0.9, $"training accuracy {accuracy:P0} (chance: 33%)");
    }

    [Fact]
    public void The_same_seed_gives_the_same_loss_sequence()
    {
        using var a = NewNet();
        using var b = NewNet();
        var first = Fit(a, Options(epochs: 3)).Losses;
        var second = Fit(b, Options(epochs: 3)).Losses;
        Assert.Equal(first, second);
        using var c = NewNet();
        Assert.NotEqual(first, Fit(c, Options(epochs: 3, seed: 8)).Losses);
    }

    [Fact]
    public void A_resumed_run_ends_exactly_where_an_uninterrupted_one_does()
    {
        using var whole = NewNet();
        var uninterrupted = Fit(whole, Options(epochs: 6)).Losses;

        var checkpoints = dir["ckpt"];
        using (var part = NewNet()) Fit(part, Options(epochs: 3, checkpoints: checkpoints));   // "killed" after epoch 3
        using var resumed = NewNet(seed: 99);                                                     // a different init: overwritten by the checkpoint
        var log = new StringWriter();
        var history = Fit(resumed, Options(epochs: 6, checkpoints: checkpoints), log);

        Assert.Contains("resuming after epoch 3/6", log.ToString());
        Assert.Equal(2, history.ResumedAfter);
        Assert.Equal(uninterrupted, history.Losses);
        foreach (var (key, value) in whole.state_dict())
            Assert.True(value.allclose(resumed.state_dict()[key], 0, 0), $"{key} differs after resume");
    }

    [Fact]
    public void A_finished_run_is_reused_not_retrained()
    {
        var checkpoints = dir["done"];
        using (var net = NewNet()) Fit(net, Options(epochs: 2, checkpoints: checkpoints));
        using var again = NewNet(seed: 3);
        var steps = 0;
        var history = Fit(again, Options(epochs: 2, checkpoints: checkpoints),
            loss: b => { steps++; return ClassificationLoss.Compute(again.forward(b.Images), b.Labels); });
        Assert.Equal(0, steps);
        Assert.Equal(2, history.Epochs.Count);
    }

    [Fact]
    public void A_diverging_loss_stops_with_a_clear_message_before_touching_the_weights()
    {
        using var net = NewNet();
        var step = 0;
        Dictionary<string, Tensor>? lastGood = null;
        var e = Assert.Throws<TrainingDivergedException>(() => Fit(net, Options(epochs: 2), loss: b =>
        {
            var l = ClassificationLoss.Compute(net.forward(b.Images), b.Labels);
            if (++step < 4) return l;
            lastGood = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
            return l * float.NaN;
        }));
        Assert.Contains("diverged at epoch 1, step 4", e.Message);
        Assert.Contains("Lower the learning rate", e.Message);
        foreach (var (key, value) in net.state_dict())
        {
            Assert.True(value.isfinite().all().item<bool>(), $"{key} has non-finite values");
            Assert.True(value.allclose(lastGood![key], 0, 0), $"{key} was updated by the diverged step");
        }
    }

    [Fact]
    public void Progress_lines_show_epoch_loss_rate_and_eta()
    {
        using var net = NewNet();
        var log = new StringWriter();
        Fit(net, Options(epochs: 2), log);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\[test\] epoch 1/2 · loss \d\.\d+ · grad_norm [\d.]+ · lr 1e-02 · \d+ img/s · ETA \d+s", lines[0]);
    }

    [Fact]
    public void Checkpoint_survives_a_kill_between_folder_swaps()
    {
        var checkpoints = dir["swap"];
        using (var net = NewNet()) Fit(net, Options(epochs: 1, checkpoints: checkpoints));
        Directory.Move(Path.Combine(checkpoints, "last"), Path.Combine(checkpoints, "last.old"));   // as if killed mid-swap
        using var again = NewNet();
        var history = Fit(again, Options(epochs: 1, checkpoints: checkpoints));
        Assert.Equal(0, history.ResumedAfter);
    }

    [Theory]
    [InlineData(128, 64, new[] { 64, 64 })]
    [InlineData(129, 64, new[] { 64, 65 })]   // a last batch of 1 joins the previous one (batch norm needs 2)
    [InlineData(130, 64, new[] { 64, 64, 2 })]
    [InlineData(65, 64, new[] { 65 })]
    [InlineData(10, 64, new[] { 10 })]
    public void Batches_cover_every_image_once(int n, int size, int[] counts) =>
        Assert.Equal(counts, Trainer.Batches(n, size).Select(b => b.Count));
}

public class StepScheduleTests
{
    [Fact]
    public void Paper_stage1_decreases_after_100_of_300_epochs()
    {
        var s = new StepSchedule(1e-7, 300, 100);
        Assert.Equal(1e-7, s.LearningRate(0), 15);
        Assert.Equal(1e-7, s.LearningRate(99), 15);
        Assert.Equal(1e-8, s.LearningRate(100), 15);
        Assert.Equal(1e-9, s.LearningRate(299), 15);
    }

    [Fact]
    public void Paper_stage2_drops_by_ten_after_20_epochs()
    {
        var s = new StepSchedule(1e-4, 50, 20);
        Assert.Equal(1e-4, s.LearningRate(19), 12);
        Assert.Equal(1e-5, s.LearningRate(20), 12);
    }

    [Fact]
    public void Bad_schedules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new StepSchedule(0, 10, 1).Validated());
        Assert.Throws<ArgumentException>(() => new StepSchedule(1e-3, 0, 1).Validated());
    }
}
