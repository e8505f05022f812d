using TorchSharp;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The networks of finished runs, built from each run's own config (so one run id is one network) and loaded with its
/// final weights: the fine-tuned face net (stage 1's teacher), the face net before fine-tuning, and the ExpNets of
/// scratch-BN, stage 1 and FN2EN.
/// </summary>
public static class RunModels
{
    /// <summary>The face net of a fine-tune (or pre-training) <paramref name="run"/>, its last layer sized for <paramref name="classes"/>.</summary>
    /// <exception cref="InvalidDataException">The run's weights are damaged or do not fit (the message names the folder).</exception>
    public static IFaceNet FaceNet(Run run, int classes, Device device)
    {
        var net = FaceNets.Create(run.Config.FaceNet ?? throw new InvalidOperationException($"{run.Folder} uses no face net."), classes, run.Config.Network);
        Checkpoint.LoadWeights(run.CheckpointDir, net.Module);
        net.Module.to(device);
        return net;
    }

    /// <summary>
    /// The face net before fine-tuning, with a new random last layer for <paramref name="classes"/> (what the fine-tune
    /// starts from and the layer-selection analysis compares with): the pretrained model's weights, or those of the
    /// face-net pre-training run <paramref name="pretrain"/> (whose last layer had <paramref name="identities"/> outputs).
    /// </summary>
    public static IFaceNet PreTrained(string faceNet, NetworkSize size, int classes, Run? pretrain, int identities, Device device)
    {
        if (pretrain is null) return Moved(FaceNets.Create(faceNet, classes, size), device);
        var trained = FaceNets.Create(faceNet, identities, pretrain.Config.Network);
        Checkpoint.LoadWeights(pretrain.CheckpointDir, trained.Module);
        using (trained.Module) return Moved(trained.ForClasses(classes), device);
    }

    /// <summary>The ExpNet of a scratch-BN, stage-1 or FN2EN <paramref name="run"/> (<see cref="RunConfig.ExpNetOptions"/>) with its weights.</summary>
    /// <param name="teacherShape">The face net's stage-1 layer shape when already known (else the net is built to ask).</param>
    public static ExpNet ExpNet(Run run, int classes, Device device, FeatureShape? teacherShape = null)
    {
        var net = new ExpNet(run.Config.ExpNetOptions(classes, teacherShape));
        Checkpoint.LoadWeights(run.CheckpointDir, net);
        return net.to(device);
    }

    private static IFaceNet Moved(IFaceNet net, Device device)
    {
        net.Module.to(device);
        return net;
    }
}
