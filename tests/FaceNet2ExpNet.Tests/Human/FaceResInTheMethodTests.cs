using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Human;

/// <summary>"faceres" where VGG-16 goes: the fine-tune baseline, the layer-selection analysis and stage 1.</summary>
[Collection(TorchRng.Collection)]
public sealed class FaceResInTheMethodTests : IDisposable
{
    private static readonly NetworkSize Size = new(48, 0.125);
    private readonly TempDir dir = new();
    private readonly ImageSet expressions;

    // 2 subjects × 3 classes × 2 images of 56 px; the nets see 48 px crops (faceres resizes them to 224 inside).
    public FaceResInTheMethodTests() => expressions = TinyDataset.Create(dir["tiny"], subjects: 2, perSubjectPerClass: 2, size: 56, folds: 2).Load(56);

    public void Dispose()
    {
        expressions.Dispose();
        dir.Dispose();
    }

    private static Trainer OneEpoch() => new(new TrainerOptions
    {
        Schedule = new StepSchedule(1e-3, 1, StepEvery: 0), BatchSize = 6, Crop = 48, Seed = 3, ProgressSeconds = 1e9,
    }, TextWriter.Null);

    [Fact]
    public void Fine_tune_layer_selection_and_stage_1_run_with_faceres()
    {
        var preTrained = FaceNets.Create("faceres", 3, Size);
        var fineTuned = preTrained.ForClasses(3);
        var fineTune = Stages.FineTune(fineTuned, expressions, OneEpoch(), "fine-tune", newLayerLrMult: 10);   // as the recipes do
        Assert.True(double.IsFinite(fineTune.Losses[^1]) && fineTune.Losses[^1] > 0);
        var (pre, fine) = (preTrained.Module.state_dict(), fineTuned.Module.state_dict());
        Assert.False(pre["features.conv_pw_13.conv.weight"].allclose(fine["features.conv_pw_13.conv.weight"], 0, 0));
        Assert.True(pre["feats.weight"].allclose(fine["feats.weight"], 0, 0), "weight decay leaves the unused age/gender layer alone");

        var selection = LayerSelection.Run(preTrained, fineTuned, expressions, k: 4, batchSize: 6);
        Assert.Equal(["conv_pw_11", "conv_pw_13", "global_pooling", "feats"], selection.Counts.Select(c => c.Layer));
        Assert.Equal([512, 1024, 1024, 256], selection.Counts.Select(c => c.Neurons));

        // faceres' recipes upsample ExpNet's 2×2 map to 7×7 before the bridge (expnet.upsample_before_bridge).
        using var expNet = new ExpNet(new ExpNetOptions { Classes = 3, Size = Size, Target = fineTuned.Pool5Shape, UpsampleBeforeBridge = true });
        var stage1 = Stages.Stage1(expNet, fineTuned, expressions, OneEpoch(), "stage 1");
        Assert.True(double.IsFinite(stage1.Losses[^1]) && stage1.Losses[^1] > 0);
        Assert.Equal(new FeatureShape(1024, 7, 7), expNet.FeatureShape);
        ((IDisposable)preTrained).Dispose();
        ((IDisposable)fineTuned).Dispose();
    }
}
