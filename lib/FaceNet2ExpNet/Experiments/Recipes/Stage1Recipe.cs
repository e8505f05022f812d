using TorchSharp;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>
/// FN2EN stage 1 (eq. 4): a fresh ExpNet's conv layers regress the fold's frozen fine-tuned face net's pool5; no labels.
/// With <see cref="RunConfig.StandardizeTeacher"/> the target is that map standardised over the fold's training images
/// and the bridge starts at zero.
/// </summary>
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
            using var net = new ExpNet(e.ExpNetOptions(c.Config));
            net.to(e.Device);
            using var standardization = c.Config.StandardizeTeacher == true ? MeasureTeacher(c, teacher, train) : null;
            if (standardization is not null) net.ZeroBridge();
            var history = Stages.Stage1(net, teacher, train, c.Trainer(), c.Label, c.Config.RegressionP ?? 2, standardization);
            return (new FoldMetrics { TestImages = test.Count, FinalTrainingLoss = history.Losses[^1] }, history);
        }
    }

    /// <summary>μ and s of the frozen teacher's map over the fold's training images (centre crops), logged.</summary>
    private static TeacherStandardization MeasureTeacher(RunContext c, IFaceNet teacher, ImageSet train)
    {
        var e = c.Experiment;
        var s = TeacherStandardization.Measure(teacher, train, c.Config.Network.InputSize, Normalization.Standard, c.Config.BatchSize, e.Device);
        e.Log.WriteLine(FormattableString.Invariant(
            $"[{c.Label}] teacher map {teacher.Pool5Shape}: mean map rms {s.Mean.square().mean().sqrt().item<float>():G4}, image-specific rms s = {s.Scale:G4}; regressing (G − μ) / s"));
        return s;
    }
}
