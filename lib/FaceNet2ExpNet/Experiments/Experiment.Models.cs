using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Experiments;

public sealed partial class Experiment
{
    /// <summary>
    /// The face net before fine-tuning, its last layer sized for this dataset's classes (random; the layer-selection
    /// analysis only reads the taps below it): the pre-training run's weights, or the pretrained model's.
    /// </summary>
    /// <exception cref="RunNotTrainedException">The face net's pre-training run is not trained yet.</exception>
    public IFaceNet LoadPretrained() => RunModels.PreTrained(FaceNet, Network, Dataset.Classes.Count,
        Plan.Pretrain is { } planned ? Finished(planned) : null, Plan.Pretrain is null ? 0 : Data.Faces.Classes.Count, Device);

    /// <summary>The fine-tuned face net of fold k (the teacher of stage 1).</summary>
    /// <exception cref="RunNotTrainedException">Its run is not trained yet.</exception>
    public IFaceNet LoadFineTuned(int k) => RunModels.FaceNet(Run(Methods.FineTune, k), Dataset.Classes.Count, Device);

    /// <summary>The ExpNet trained with FN2EN (stage 2) on fold k.</summary>
    /// <exception cref="RunNotTrainedException">Its run is not trained yet.</exception>
    public ExpNet LoadFn2En(int k) => LoadExpNet(Run(Methods.Fn2En, k));

    /// <summary>The ExpNet trained from scratch with batch norm on fold k.</summary>
    /// <exception cref="RunNotTrainedException">Its run is not trained yet.</exception>
    public ExpNet LoadScratchBn(int k) => LoadExpNet(Run(Methods.ScratchBn, k));

    /// <summary>An ExpNet with the weights of a finished run of this experiment (stage 1's conv layers, or a whole trained net).</summary>
    public ExpNet LoadExpNet(Run run) => RunModels.ExpNet(run, Dataset.Classes.Count, Device, run.Config.FaceNet == FaceNet ? TeacherShape : null);
}
