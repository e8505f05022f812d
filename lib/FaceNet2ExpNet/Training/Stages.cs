using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// The training procedures the paper's tables compare. They all use the one <see cref="Trainer"/> and differ only by
/// model, loss and which parameters move at which rate.
/// </summary>
public static class Stages
{
    /// <summary>Identity classification on the face-recognition corpus (the face net's pre-training).</summary>
    public static TrainingHistory PretrainFaceNet(IFaceNet faceNet, ImageSet faces, Trainer trainer, Func<int, Dictionary<string, double>>? evaluate = null) =>
        Classify("face-net pre-training", faceNet.Module, ParameterGroup.All(faceNet.Module.parameters()), faces, trainer, evaluate);

    /// <summary>
    /// "VGG Fine-Tune (baseline)": every layer of the pre-trained face net, whose new last layer
    /// (<see cref="IFaceNet.ClassifierParameters"/>) learns at <paramref name="newLayerLrMult"/> × the rate of the rest,
    /// as Caffe fine-tuning sets lr_mult on a replaced layer.
    /// </summary>
    public static TrainingHistory FineTune(IFaceNet faceNet, ImageSet expressions, Trainer trainer, string name, double newLayerLrMult = 1,
        Func<int, Dictionary<string, double>>? evaluate = null)
    {
        var head = faceNet.ClassifierParameters().ToHashSet(ReferenceEqualityComparer.Instance);
        var pretrained = faceNet.Module.parameters().Where(p => !head.Contains(p));
        var groups = ParameterGroup.WithNewLayers(pretrained, head.Cast<Parameter>(), newLayerLrMult);
        return Classify(name, faceNet.Module, groups, expressions, trainer, evaluate);
    }

    /// <summary>"Train From Scratch (BN)": ExpNet with batch norm, cross-entropy only.</summary>
    public static TrainingHistory ScratchBn(ExpNet expNet, ImageSet expressions, Trainer trainer, string name, Func<int, Dictionary<string, double>>? evaluate = null) =>
        Classify(name, expNet, ParameterGroup.All(expNet.parameters()), expressions, trainer, evaluate);

    /// <summary>
    /// FN2EN stage 1 (Sec. III-B): ExpNet's conv layers (+ bridge, + upsampler) regress the frozen fine-tuned face net's
    /// pool5, eq. 4. No labels are used. The teacher is frozen here (eval mode, no gradients).
    /// <para>With <paramref name="standardization"/> the target is (G(I) − μ) / s instead of G(I) (same minimiser up to
    /// the fixed offset and scale, which the linear bridge absorbs); the caller then starts the bridge at zero
    /// (<see cref="ExpNet.ZeroBridge"/>), the mean predictor of that target.</para>
    /// <para>With <paramref name="mixupAlpha"/> &gt; 0 both nets see the same mixup blend of the batch's images
    /// (<see cref="Mixup"/>; function matching, not in the paper) instead of the images themselves.</para>
    /// </summary>
    public static TrainingHistory Stage1(ExpNet expNet, IFaceNet fineTuned, ImageSet expressions, Trainer trainer, string name, double p = 2,
        TeacherStandardization? standardization = null, string layer = TeacherLayer.Pool5, Func<int, Dictionary<string, double>>? evaluate = null,
        double mixupAlpha = 0)
    {
        fineTuned.Module.Frozen();
        var compute = trainer.Options.Compute;
        compute.PreparedFor(fineTuned.Module);   // the teacher runs at the run's precision too
        var regression = new FeatureRegressionLoss(p);
        return trainer.Fit(name, expNet, expNet.ConvParameters(), batch =>
        {
            var images = mixupAlpha > 0 ? compute.Layout(Mixup.Blend(batch.Images, mixupAlpha)) : batch.Images;
            Tensor target;
            using (no_grad()) target = TeacherLayer.Of(fineTuned, images, layer);
            if (standardization is not null) target = standardization.Apply(target);
            return regression.Compute(expNet.Features(images), target);
        }, expressions, evaluate);
    }

    /// <summary>
    /// Stage 1 (eq. 4) from targets computed once (<see cref="TeacherTargets"/>): each step draws one of each image's
    /// cached views and regresses its target — the same loss as with the live teacher, without running it every step.
    /// </summary>
    public static TrainingHistory Stage1(ExpNet expNet, TeacherTargets targets, ImageSet expressions, Trainer trainer, string name, double p = 2,
        TeacherStandardization? standardization = null, Func<int, Dictionary<string, double>>? evaluate = null)
    {
        var regression = new FeatureRegressionLoss(p);
        return trainer.Fit(name, expNet, expNet.ConvParameters(), batch =>
        {
            var target = standardization is null ? batch.Targets! : standardization.Apply(batch.Targets!);
            return regression.Compute(expNet.Features(batch.Images), target);
        }, expressions, evaluate, (indices, rng) => targets.Batch(expressions, indices, trainer.Options.Normalization, rng));
    }

    /// <summary>
    /// FN2EN stage 2 (Sec. III-B, eq. 5): <paramref name="expNet"/> holds stage 1's conv layers; its FC-256 and
    /// classifier are drawn fresh from a Gaussian here (Sec. IV-A; seeded with the trainer's seed), then the whole net
    /// is trained with cross-entropy, the new head at <paramref name="newLayerLrMult"/> × the conv layers' rate.
    /// <para>With <paramref name="mixupAlpha"/> &gt; 0 each step trains on mixup blends of the batch's images and the
    /// blended cross-entropy (<see cref="ClassificationLoss.Mixed"/>; Zhang et al. 2018, not in the paper).</para>
    /// </summary>
    public static TrainingHistory Stage2(ExpNet expNet, ImageSet expressions, Trainer trainer, string name, double newLayerLrMult = 1,
        Func<int, Dictionary<string, double>>? evaluate = null, double mixupAlpha = 0)
    {
        manual_seed(trainer.Options.Seed);
        expNet.ResetHead();
        var groups = ParameterGroup.WithNewLayers(expNet.ConvParameters(), expNet.HeadParameters(), newLayerLrMult);
        if (!(mixupAlpha > 0)) return Classify(name, expNet, groups, expressions, trainer, evaluate);
        var compute = trainer.Options.Compute;
        return trainer.Fit(name, expNet, groups, batch =>
        {
            var (lambda, partners) = Mixup.Draw(batch.Images, mixupAlpha);
            var blended = compute.Layout(Mixup.Blend(batch.Images, lambda, partners));
            return ClassificationLoss.Mixed(expNet.forward(blended), batch.Labels, lambda, partners);
        }, expressions, evaluate);
    }

    private static TrainingHistory Classify(string name, nn.Module<Tensor, Tensor> model, IReadOnlyList<ParameterGroup> groups,
        ImageSet data, Trainer trainer, Func<int, Dictionary<string, double>>? evaluate) =>
        trainer.Fit(name, model, groups, batch => ClassificationLoss.Compute(model.forward(batch.Images), batch.Labels), data, evaluate);
}
