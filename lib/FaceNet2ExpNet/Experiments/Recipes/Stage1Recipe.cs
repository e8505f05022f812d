using TorchSharp;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>FN2EN stage 1 (eq. 4): a fresh ExpNet's conv layers regress the fold's frozen fine-tuned face net's pool5; no labels.</summary>
public sealed class Stage1Recipe : IRecipe
{
    public (FoldMetrics, TrainingHistory) Train(RunContext c)
    {
        var e = c.Experiment;
        var (train, test) = e.FoldData(c.Fold);
        using (train) using (test)
        {
            var teacher = e.LoadFineTuned(c.Fold);
            using var teacherModule = teacher.Module;
            manual_seed(c.Seed);
            using var net = new ExpNet(e.ExpNetOptions());
            net.to(e.Device);
            var history = Stages.Stage1(net, teacher, train, c.Trainer(), c.Label, c.Config.RegressionP ?? 2);
            return (new FoldMetrics { TestImages = test.Count, FinalTrainingLoss = history.Losses[^1] }, history);
        }
    }
}
