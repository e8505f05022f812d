using TorchSharp;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>
/// FN2EN stage 1 (eq. 4): a fresh ExpNet's conv layers regress the fold's frozen fine-tuned face net at
/// <c>stage1.teacher_layer</c> (pool5); no labels. The teacher's targets are computed once per training image and view
/// (<c>stage1.target_augmentations</c> views; <see cref="TeacherTargets"/>) or, with 0 views, on every step — then on
/// mixup blends of the batch's images when <c>stage1.mixup</c> &gt; 0 (<see cref="Mixup"/>). With
/// <c>stage1.standardize_teacher</c> the target is that map standardised over the training images and the bridge starts
/// at zero. With <c>stage1.unlabelled</c> the images of another dataset join the training images (no labels are used
/// here). After every epoch the FVU on the fold's test (or validation) images is recorded ("test_fvu"; <see cref="HeldOutTargets"/>).
/// </summary>
public sealed class Stage1Recipe : IRecipe
{
    public (FoldMetrics, TrainingHistory) Train(RunContext c)
    {
        var config = c.Config;
        var (train, test) = c.Data.Stage1Fold(c.Fold);
        using (train) using (test)
        {
            if (c.Data.UnlabelledImages is { } faces)
                c.Log.WriteLine($"[{c.Label}] stage 1 regresses {train.Count - faces.Count} training images and {faces.Count} unlabelled ones ({c.Data.Unlabelled!.Root})");
            var teacher = RunModels.FaceNet(c.Parent(Methods.FineTune), c.Classes, c.Device);
            using var teacherModule = teacher.Module;
            teacher.Module.Frozen();
            var layer = config.Get(Setting.TeacherLayer);
            var views = config.Get(Setting.TargetAugmentations);
            var standardize = config.Get(Setting.StandardizeTeacher);
            var progress = new LineProgress(c.Log, c.Label);
            using var targets = views > 0
                ? TeacherTargets.Compute(teacher, layer, train, c.Crop, views, c.Seed, Normalization.Standard, c.BatchSize, c.Device, config.Compute, progress)
                : null;
            using var statistics = targets?.Standardization()
                ?? TeacherStandardization.Measure(teacher, train, c.Crop, Normalization.Standard, c.BatchSize, c.Device, layer);
            var meanRms = statistics.Mean.square().mean().sqrt().item<float>();
            if (!(statistics.Scale > 1e-6 * Math.Max(meanRms, 1e-6)))
                throw new InvalidOperationException($"[{c.Label}] the fine-tuned face net's {layer} is the same for all {train.Count} training images " +
                    $"(image-specific rms {statistics.Scale:G3}, mean map rms {meanRms:G3}): there is nothing image-specific to regress — check {c.Data.Dataset.Root}.");
            using var heldOut = HeldOutTargets.Compute(teacher, layer, test, c.Crop, statistics, standardize, c.BatchSize, c.Device, config.Compute);
            manual_seed(c.Seed);
            using var net = c.NewExpNet(statistics is { } s0 ? new FeatureShape((int)s0.Mean.shape[1], (int)s0.Mean.shape[2], (int)s0.Mean.shape[3]) : null);
            net.to(c.Device);
            if (standardize)
            {
                net.ZeroBridge();
                c.Log.WriteLine(FormattableString.Invariant(
                    $"[{c.Label}] teacher {layer} {statistics.Mean.shape[1]}×{statistics.Mean.shape[2]}×{statistics.Mean.shape[3]}: mean map rms {statistics.Mean.square().mean().sqrt().item<float>():G4}, image-specific rms s = {statistics.Scale:G4}; regressing (G − μ) / s"));
            }
            Dictionary<string, double> Evaluate(int _) => new() { ["test_fvu"] = heldOut.Fvu(net) };
            var p = config.Get(Setting.RegressionP);
            var history = targets is not null
                ? Stages.Stage1(net, targets, train, c.Trainer(), c.Label, p, standardize ? statistics : null, Evaluate)
                : Stages.Stage1(net, teacher, train, c.Trainer(), c.Label, p, standardize ? statistics : null, layer, Evaluate, config.Get(Setting.Mixup));
            var fvu = history.Epochs[^1].Metrics.TryGetValue("test_fvu", out var f) ? f : heldOut.Fvu(net);
            return (new FoldMetrics { TestImages = test.Count, FinalTrainingLoss = history.Losses[^1], Fvu = fvu, Seconds = history.Epochs.Sum(x => x.Seconds) }, history);
        }
    }
}
