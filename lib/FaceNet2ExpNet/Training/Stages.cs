using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// The training procedures the paper's tables compare. They all use the one <see cref="Trainer"/> and differ only by
/// model, loss and which parameters move.
/// </summary>
public static class Stages
{
    /// <summary>Identity classification on the face-recognition corpus (the face net's pre-training).</summary>
    public static TrainingHistory PretrainFaceNet(IFaceNet faceNet, ImageSet faces, Trainer trainer, Func<int, Dictionary<string, double>>? evaluate = null) =>
        Classify("face-net pre-training", faceNet.Module, faceNet.Module.parameters(), faces, trainer, evaluate);

    /// <summary>"VGG Fine-Tune (baseline)": every layer of the pre-trained face net, new last layer, on expressions.</summary>
    public static TrainingHistory FineTune(IFaceNet faceNet, ImageSet expressions, Trainer trainer, string name, Func<int, Dictionary<string, double>>? evaluate = null) =>
        Classify(name, faceNet.Module, faceNet.Module.parameters(), expressions, trainer, evaluate);

    /// <summary>"Train From Scratch (BN)": ExpNet with batch norm, cross-entropy only.</summary>
    public static TrainingHistory ScratchBn(ExpNet expNet, ImageSet expressions, Trainer trainer, string name, Func<int, Dictionary<string, double>>? evaluate = null) =>
        Classify(name, expNet, expNet.parameters(), expressions, trainer, evaluate);

    /// <summary>
    /// FN2EN stage 1 (Sec. III-B): ExpNet's conv layers (+ bridge, + upsampler) regress the frozen fine-tuned face net's
    /// pool5, eq. 4. No labels are used. The teacher is frozen here (eval mode, no gradients).
    /// </summary>
    public static TrainingHistory Stage1(ExpNet expNet, IFaceNet fineTuned, ImageSet expressions, Trainer trainer, string name, double p = 2)
    {
        fineTuned.Module.Frozen();
        var regression = new FeatureRegressionLoss(p);
        return trainer.Fit(name, expNet, expNet.ConvParameters(), batch =>
        {
            Tensor target;
            using (no_grad()) target = fineTuned.Pool5(batch.Images);
            return regression.Compute(expNet.Features(batch.Images), target);
        }, expressions);
    }

    /// <summary>FN2EN stage 2: a fresh Gaussian FC-256 + classifier on the stage-1 conv layers, the whole net trained (eq. 5).</summary>
    public static TrainingHistory Stage2(ExpNet expNet, ImageSet expressions, Trainer trainer, string name, Func<int, Dictionary<string, double>>? evaluate = null) =>
        Classify(name, expNet, expNet.parameters(), expressions, trainer, evaluate);

    private static TrainingHistory Classify(string name, nn.Module<Tensor, Tensor> model, IEnumerable<TorchSharp.Modules.Parameter> parameters,
        ImageSet data, Trainer trainer, Func<int, Dictionary<string, double>>? evaluate) =>
        trainer.Fit(name, model, parameters, batch => ClassificationLoss.Compute(model.forward(batch.Images), batch.Labels), data, evaluate);
}
