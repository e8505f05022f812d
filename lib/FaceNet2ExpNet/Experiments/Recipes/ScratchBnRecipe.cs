using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>"Train From Scratch (BN)": ExpNet with batch norm, randomly initialised, cross-entropy only.</summary>
public sealed class ScratchBnRecipe : IRecipe
{
    public (FoldMetrics, TrainingHistory) Train(RunContext c) => c.Classify(() =>
    {
        manual_seed(c.Seed);
        return c.NewExpNet();
    }, (net, train, trainer, evaluate) => Stages.ScratchBn(net, train, trainer, c.Label, evaluate));
}
