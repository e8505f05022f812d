using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>Schedules that fit the data: a set too small for its epochs gets the minimum steps, decay stretched alike.</summary>
[Collection(TorchRng.Collection)]
public sealed class MinStepsTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(30, 20, 10, 0, 30, 10, 0)]           // no minimum: unchanged
    [InlineData(30, 20, 10, 300, 30, 10, 0)]         // 30 epochs × 20 steps = 600 ≥ 300: unchanged
    [InlineData(30, 3, 10, 760, 254, 85, 0)]         // 200 images at batch 64 = 3 steps per epoch: ⌈760/3⌉ epochs, decay ×254/30
    [InlineData(60, 19, 40, 1140, 60, 40, 0)]        // a CK+-size fold (1,177 images = 19 steps): exactly the minimum
    public void Epochs_stretch_to_the_minimum_steps_with_the_decay(int epochs, int stepsPerEpoch, int stepEvery, int minSteps,
        int expectedEpochs, int expectedStepEvery, int warmup)
    {
        var s = new StepSchedule(0.1, epochs, stepEvery, WarmupEpochs: warmup, MinSteps: minSteps).ForStepsPerEpoch(stepsPerEpoch);
        Assert.Equal(expectedEpochs, s.Epochs);
        Assert.Equal(expectedStepEvery, s.StepEvery);
        Assert.True((long)s.Epochs * stepsPerEpoch >= minSteps);
        // The rate falls after the same fraction of the run (±1 epoch of rounding).
        Assert.InRange(s.StepEvery / (double)s.Epochs, stepEvery / (double)epochs - 1.0 / s.Epochs, stepEvery / (double)epochs + 1.0 / s.Epochs);
    }

    [Fact]
    public void A_twenty_image_set_gets_the_minimum_steps_and_says_so()
    {
        using var images = TinyDataset.Create(dir["tiny"], subjects: 5, perSubjectPerClass: 1, size: 36, classes: ["a", "b", "c", "d"], folds: 5).Load(36);
        Assert.Equal(20, images.Count);
        manual_seed(1);
        using var net = new ExpNet(new ExpNetOptions { Classes = 4, Size = new NetworkSize(32, 0.125) });
        var log = new StringWriter();
        var steps = 0;
        var trainer = new Trainer(new TrainerOptions
        {
            Schedule = new StepSchedule(0.01, 2, StepEvery: 1, MinSteps: 25), BatchSize = 8, Crop = 32, ProgressSeconds = 1e9,
        }, log);
        var history = trainer.Fit("small", net, net.parameters(), b => { steps++; return ClassificationLoss.Compute(net.forward(b.Images), b.Labels); }, images);
        // 20 images at batch 8 = 3 steps per epoch (8, 8, 4): 2 epochs would be 6 steps; the minimum asks for 25 → 9 epochs, 27 steps.
        Assert.Equal(9, history.Epochs.Count);
        Assert.Equal(27, steps);
        Assert.Contains("20 images = 3 steps per epoch: 2 epochs stretched to 9 for at least 25 steps (min_steps)", log.ToString());
        Assert.Equal(0.01, history.Epochs[0].LearningRate, 9);
        Assert.Equal(0.001, history.Epochs[^1].LearningRate, 9);   // the decay, once after half the epochs (after 1 of 2 → after 5 of 9: 4.5 rounded up), happened
    }
}
