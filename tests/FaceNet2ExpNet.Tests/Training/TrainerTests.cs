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

    /// <summary>A loss that is NaN at the given (1-based) epoch/step pairs, the real cross-entropy elsewhere.</summary>
    private static Func<Batch, Tensor> NanAt(ExpNet net, params (int Epoch, int Step)[] bad)
    {
        var epoch = 1;
        var step = 0;
        return b =>
        {
            if (++step > 5) { epoch++; step = 1; }   // 72 images / batch 16 = 5 steps per epoch
            var l = ClassificationLoss.Compute(net.forward(b.Images), b.Labels);
            return bad.Contains((epoch, step)) ? l * float.NaN : l;
        };
    }

    [Fact]
    public void A_diverging_step_rolls_back_to_the_last_checkpoint_with_a_tenth_of_the_rate_and_the_run_finishes()
    {
        var checkpoints = dir["rollback"];
        using var net = NewNet();
        var log = new StringWriter();
        var history = Fit(net, Options(epochs: 3, checkpoints: checkpoints), log, NanAt(net, (2, 3)));

        Assert.Equal(3, history.Epochs.Count);
        var rollback = Assert.Single(history.Rollbacks);
        Assert.Equal(new Rollback(2, 3, double.NaN, 1, 0.1), rollback);
        Assert.Equal(0.1, history.LrScale, 12);
        Assert.Equal([0.01, 0.001, 0.001], history.Epochs.Select(e => Math.Round(e.LearningRate, 12)));
        Assert.Contains("[test] diverged at epoch 2, step 3: loss = NaN", log.ToString());
        Assert.Contains("rolled back to the checkpoint after epoch 1, learning rate ×0.1 (now ×0.1; rollback 1 of 3)", log.ToString());
        var saved = TrainingHistory.Load(Path.Combine(checkpoints, "last", "history.json"));
        Assert.Equal(history.Rollbacks, saved.Rollbacks);
        Assert.All(net.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void Without_a_checkpoint_a_divergence_rolls_back_to_the_starting_weights()
    {
        using var net = NewNet();
        using var reference = NewNet();   // the same starting weights
        var history = Fit(net, Options(epochs: 1), loss: NanAt(net, (1, 2)));
        Assert.Equal(0, Assert.Single(history.Rollbacks).RestoredEpochs);

        // Training again from the start at a tenth of the rate, without the NaN, gives the same weights.
        var again = Fit(reference, Options(epochs: 1, lr: 0.01 * 0.1));
        Assert.Equal(again.Losses, history.Losses);
        foreach (var (key, value) in net.state_dict())
            Assert.True(value.allclose(reference.state_dict()[key], 0, 0), $"{key} differs from a run started afresh at lr × 0.1");
    }

    [Fact]
    public void A_run_that_keeps_diverging_stops_after_three_rollbacks_with_a_clear_message()
    {
        using var net = NewNet();
        var log = new StringWriter();
        var e = Assert.Throws<TrainingDivergedException>(() => Fit(net, Options(epochs: 2), log, b => net.forward(b.Images).sum() * float.NaN));
        Assert.Contains("diverged at epoch 1, step 1", e.Message);
        Assert.Contains("3 rollback(s) to the last good checkpoint with a lower learning rate did not help", e.Message);
        Assert.Contains("Lower the learning rate", e.Message);
        Assert.Equal(3, log.ToString().Split('\n').Count(l => l.Contains("rolled back to the start")));
        Assert.All(net.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void A_run_resumed_after_a_rollback_keeps_the_lowered_rate()
    {
        var checkpoints = dir["resume-after-rollback"];
        using (var first = NewNet()) Fit(first, Options(epochs: 2, checkpoints: checkpoints), loss: NanAt(first, (2, 1)));   // "killed" after epoch 2
        using var net = NewNet();
        var log = new StringWriter();
        var history = Fit(net, Options(epochs: 4, checkpoints: checkpoints), log);
        Assert.Contains("resuming after epoch 2/4", log.ToString());
        Assert.Contains("(learning rate ×0.1 after 1 rollback(s))", log.ToString());
        Assert.Equal([0.01, 0.001, 0.001, 0.001], history.Epochs.Select(e => Math.Round(e.LearningRate, 12)));
    }

    /// <summary>A finite loss whose gradient is NaN: d√z/dz at z = 0 is ∞, and 0 · ∞ = NaN reaches every weight.</summary>
    private static Tensor NanGradient(ExpNet net, Batch b) =>
        ClassificationLoss.Compute(net.forward(b.Images), b.Labels) + 0 * (0 * net.forward(b.Images).sum()).sqrt();

    [Fact]
    public void A_lone_step_with_a_non_finite_gradient_is_skipped_and_training_goes_on()
    {
        using var net = NewNet();
        var step = 0;
        Dictionary<string, Tensor>? before = null, after = null;
        var log = new StringWriter();
        var history = Fit(net, Options(epochs: 1), log, b =>
        {
            step++;
            if (step == 3) before = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
            if (step == 4) after = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
            return step == 3 ? NanGradient(net, b) : ClassificationLoss.Compute(net.forward(b.Images), b.Labels);
        });
        Assert.Contains("[test] epoch 1 step 3: gradient norm = NaN", log.ToString());
        Assert.Contains("step skipped, weights unchanged", log.ToString());
        Assert.Equal(1, history.Epochs[0].Metrics["skipped_steps"]);
        Assert.Empty(history.Rollbacks);
        foreach (var (key, value) in before!)
            Assert.True(value.allclose(after![key], 0, 0), $"{key} was updated by the step with a NaN gradient");
        Assert.All(net.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void Non_finite_gradients_three_steps_in_a_row_are_a_divergence()
    {
        using var net = NewNet();
        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(epochs: 1) with { MaxRollbacks = 0 }, TextWriter.Null)
            .Fit("test", net, net.parameters(), b => NanGradient(net, b), data));
        Assert.Contains("diverged at epoch 1, step 3: gradient norm = NaN in 3 steps in a row", e.Message);
        Assert.All(net.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void The_new_layers_group_moves_by_its_multiple_of_the_rate()
    {
        // One SGD step from the same weights: momentum's first buffer is the gradient, so a weight moves by lr × mult × grad.
        var options = Options(epochs: 1) with { BatchSize = 72, WeightDecay = 0 };
        Dictionary<string, Tensor> Step(double mult)
        {
            using var net = NewNet();
            var start = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
            new Trainer(options, TextWriter.Null).Fit("test", net, ParameterGroup.WithNewLayers(net.ConvParameters(), net.HeadParameters(), mult),
                b => ClassificationLoss.Compute(net.forward(b.Images), b.Labels), data);
            return net.state_dict().ToDictionary(kv => kv.Key, kv => (kv.Value.detach() - start[kv.Key]).DetachFromDisposeScope());
        }
        var one = Step(1);
        var ten = Step(10);
        foreach (var key in new[] { "fc.weight", "classifier.weight" })
        {
            // Weights are float32: an update below a weight's last bit is lost, so compare the update norms, and elementwise to 1e-8.
            Assert.Equal(10, (ten[key].norm() / one[key].norm()).item<float>(), 3);
            Assert.True(ten[key].allclose(10 * one[key], 1e-3, 1e-8), $"{key}: not 10× the update");
        }
        Assert.True(ten["features.conv1.weight"].allclose(one["features.conv1.weight"], 1e-5, 1e-8), "conv layers moved differently");
        Assert.True(one["classifier.weight"].abs().max().item<float>() > 0, "the head did not move at all");
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
    public void Warm_up_ramps_linearly_step_by_step_then_follows_the_steps()
    {
        var s = new StepSchedule(0.1, 10, 5, WarmupEpochs: 2);
        Assert.Equal(0.01, s.LearningRate(0, 0, 5), 12);    // step 1 of 10 warm-up steps
        Assert.Equal(0.05, s.LearningRate(0, 4, 5), 12);
        Assert.Equal(0.1, s.LearningRate(1, 4, 5), 12);     // the last warm-up step reaches the base rate
        Assert.Equal(0.1, s.LearningRate(2, 0, 5), 12);
        Assert.Equal(0.01, s.LearningRate(5, 0, 5), 12);
        Assert.Throws<ArgumentException>(() => new StepSchedule(0.1, 2, 0, WarmupEpochs: 2).Validated());
    }

    [Fact]
    public void Bad_schedules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new StepSchedule(0, 10, 1).Validated());
        Assert.Throws<ArgumentException>(() => new StepSchedule(1e-3, 0, 1).Validated());
    }
}
