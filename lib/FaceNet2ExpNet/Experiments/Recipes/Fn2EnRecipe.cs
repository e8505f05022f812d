using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>
/// FN2EN stage 2 (eq. 5): the fold's stage-1 ExpNet, a fresh Gaussian head (Stages.Stage2), everything trained with
/// labels — on mixup blends when <c>stage2.mixup</c> &gt; 0.
/// </summary>
public sealed class Fn2EnRecipe : IRecipe
{
    public (FoldMetrics, TrainingHistory) Train(RunContext c) => c.Classify(
        () => RunModels.ExpNet(c.Parent(Methods.Stage1), c.Classes, c.Device),
        (net, train, trainer, evaluate) => Stages.Stage2(net, train, trainer, c.Label, c.Schedule.NewLayerLrMult, evaluate, c.Config.Get(Setting.Stage2Mixup)));
}
