using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>"VGG Fine-Tune (baseline)": the pre-trained face net with a new last layer, every layer trained on the fold's expressions.</summary>
public sealed class FineTuneRecipe : IRecipe
{
    public (FoldMetrics, TrainingHistory) Train(RunContext c)
    {
        IFaceNet? faceNet = null;
        return c.Classify(() =>
        {
            manual_seed(c.Seed);   // the new last layer's draw
            faceNet = c.PreTrainedFaceNet();
            return faceNet.Module;
        }, (_, train, trainer, evaluate) => Stages.FineTune(faceNet!, train, trainer, c.Label, c.Schedule.NewLayerLrMult, evaluate));
    }
}
