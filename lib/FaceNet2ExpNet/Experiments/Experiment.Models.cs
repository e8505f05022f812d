using TorchSharp;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

public sealed partial class Experiment
{
    /// <summary>
    /// The face net before fine-tuning, its last layer sized for this dataset's classes (random; the layer-selection
    /// analysis only reads the taps below it): the pre-training run's weights, or the pretrained model's.
    /// </summary>
    /// <exception cref="RunNotTrainedException">The face net's pre-training run is not trained yet.</exception>
    public IFaceNet LoadPretrained()
    {
        if (Plan.Pretrain is not { } planned) return Moved(FaceNets.Create(FaceNet, Dataset.Classes.Count, Network));
        var run = Finished(planned);
        var identities = FaceNets.Create(FaceNet, Faces.Classes.Count, Network);
        Checkpoint.LoadWeights(run.CheckpointDir, identities.Module);
        using (identities.Module) return Moved(identities.ForClasses(Dataset.Classes.Count));
    }

    /// <summary>The fine-tuned face net of fold k (the teacher of stage 1).</summary>
    /// <exception cref="RunNotTrainedException">Its run is not trained yet.</exception>
    public IFaceNet LoadFineTuned(int k)
    {
        var run = Run(Methods.FineTune, k);
        var net = FaceNets.Create(FaceNet, Dataset.Classes.Count, run.Config.Network);
        Checkpoint.LoadWeights(run.CheckpointDir, net.Module);
        return Moved(net);
    }

    /// <summary>The ExpNet trained with FN2EN (stage 2) on fold k.</summary>
    /// <exception cref="RunNotTrainedException">Its run is not trained yet.</exception>
    public ExpNet LoadFn2En(int k) => LoadExpNet(Run(Methods.Fn2En, k));

    /// <summary>The ExpNet trained from scratch with batch norm on fold k.</summary>
    /// <exception cref="RunNotTrainedException">Its run is not trained yet.</exception>
    public ExpNet LoadScratchBn(int k) => LoadExpNet(Run(Methods.ScratchBn, k));

    /// <summary>An ExpNet with the weights of a finished run (stage 1's conv layers, or a whole trained net).</summary>
    public ExpNet LoadExpNet(Run run)
    {
        var net = new ExpNet(ExpNetOptions(run.Config));
        Checkpoint.LoadWeights(run.CheckpointDir, net);
        return net.to(Device);
    }

    private IFaceNet Moved(IFaceNet net)
    {
        net.Module.to(Device);
        return net;
    }
}
