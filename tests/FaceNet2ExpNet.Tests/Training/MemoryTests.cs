using System.Diagnostics;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>Every training step runs in a dispose scope: no tensors (and no native memory) accumulate across steps.</summary>
[Collection(TorchRng.Collection)]
public sealed class MemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_hundred_training_steps_leave_no_live_tensors_behind()
    {
        using var dir = new TempDir();
        using var data = TinyDataset.Create(dir["tiny"], size: 40).Load(40);
        manual_seed(1);
        using var net = new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.25) });
        Tensor Loss(Batch b) => ClassificationLoss.Compute(net.forward(b.Images), b.Labels);
        TrainerOptions Options(int epochs) => new()
        {
            Schedule = new StepSchedule(0.01, epochs, 0), BatchSize = 16, Crop = 32, ProgressSeconds = 1e9,
        };

        // Warm-up (allocator caches, momentum buffers), then 40 epochs × 5 steps = 200 steps.
        new Trainer(Options(2), TextWriter.Null).Fit("warm-up", net, net.parameters(), Loss, data);
        GC.Collect(); GC.WaitForPendingFinalizers();
        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var rssBefore = Rss();

        new Trainer(Options(40), TextWriter.Null).Fit("200 steps", net, net.parameters(), Loss, data);
        GC.Collect(); GC.WaitForPendingFinalizers();
        var liveAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var rssAfter = Rss();

        output.WriteLine($"live tensors {liveBefore} → {liveAfter}; RSS {rssBefore / 1e6:F1} MB → {rssAfter / 1e6:F1} MB over 200 steps");
        // The optimizer of the second Fit was disposed with its state; nothing else should remain.
        Assert.InRange(liveAfter - liveBefore, -64, 0);
        Assert.True(rssAfter - rssBefore < 64e6, $"RSS grew by {(rssAfter - rssBefore) / 1e6:F1} MB over 200 steps");
    }

    private static long Rss()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }
}
