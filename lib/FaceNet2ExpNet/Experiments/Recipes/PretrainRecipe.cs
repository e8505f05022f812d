using TorchSharp;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>A randomly initialised face net learns identities on the face corpus (its split 0); "identity_acc" on the held-out photos.</summary>
public sealed class PretrainRecipe : IRecipe
{
    public (FoldMetrics, TrainingHistory) Train(RunContext c)
    {
        var (train, test) = c.Data.FaceCorpus(c.Config.Get(Setting.ImageSize));
        using (train) using (test)
        {
            manual_seed(c.Seed);
            var net = FaceNets.Create(c.FaceNet.Name, c.Data.Faces.Classes.Count, c.Config.Network);
            using var module = net.Module.to(c.Device);
            var history = Stages.PretrainFaceNet(net, train, c.Trainer(), _ => new()
            {
                ["identity_acc"] = Evaluation.Accuracy(module, test, c.Crop, Normalization.Standard, c.BatchSize, c.Device, c.Config.Compute),
            });
            // The last epoch's evaluation is of the final weights: no second pass over the test images.
            var accuracy = history.Epochs[^1].Metrics["identity_acc"];
            return (new FoldMetrics { Accuracy = accuracy, TestImages = test.Count, FinalTrainingLoss = history.Losses[^1] }, history);
        }
    }
}
