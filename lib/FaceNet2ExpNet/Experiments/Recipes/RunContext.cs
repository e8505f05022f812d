using TorchSharp;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>
/// What a recipe trains with — its run's config and folder, the experiment's data, the face net, the device, its
/// finished parent runs — and <paramref name="stop"/>, cancelled when another process takes the run over (its trainer
/// stops then). Recipes get this, not the experiment.
/// </summary>
/// <param name="parent">The finished run of a parent (trained first by the experiment).</param>
public sealed class RunContext(PlannedRun planned, Run run, ExperimentData data, FaceNetSpec faceNet, Device device, TextWriter log,
    Func<PlannedRun, Run> parent, CancellationToken stop = default)
{
    public PlannedRun Planned => planned;
    public Run Run => run;
    public RunConfig Config => planned.Config;
    public ExperimentData Data => data;
    /// <summary>The experiment's face net (its registry entry).</summary>
    public FaceNetSpec FaceNet => faceNet;
    public Device Device => device;
    public TextWriter Log => log;
    /// <summary>"fn2en fold-3": the prefix of this run's log lines.</summary>
    public string Label => planned.Label;
    /// <summary>The fold (0 for a run shared by every fold).</summary>
    public int Fold => planned.Fold ?? 0;
    /// <summary>The expression classes of the dataset.</summary>
    public int Classes => data.Dataset.Classes.Count;
    /// <summary>This run's SGD schedule (its method's settings).</summary>
    public Schedule Schedule => Config.Schedule;
    /// <summary>The run's seed: the config's plus the fold, so folds draw differently and a rerun draws the same.</summary>
    public int Seed => Config.Get(Setting.Seed) + Fold;
    public int BatchSize => Config.Get(Setting.BatchSize);
    /// <summary>Network input side: random crops of it in training, the centre crop in testing.</summary>
    public int Crop => Config.Network.InputSize;

    /// <summary>
    /// The trainer of this run: its schedule and clipping, the optimiser settings, its precision and memory format,
    /// checkpoints in the run folder (after the first epoch, at most once a minute, after the last), log.csv per epoch.
    /// </summary>
    public Trainer Trainer() => new(new TrainerOptions
    {
        Schedule = Schedule.LrSchedule, BatchSize = BatchSize, Momentum = Config.Get(Setting.Momentum), WeightDecay = Config.Get(Setting.WeightDecay),
        Seed = Seed, Crop = Crop, CheckpointDir = run.CheckpointDir, CheckpointSeconds = 60, Device = device,
        ClipGradNorm = Schedule.ClipGradNorm, Cancellation = stop, Compute = Config.Compute, EpochDone = run.WriteLog,
    }, log);

    /// <summary>The finished parent run of <paramref name="method"/>.</summary>
    public Run Parent(MethodSpec method) => parent(planned.Parent(method));

    /// <summary>The face net before fine-tuning with a new last layer for the dataset's classes (the pre-training run's weights, or the pretrained model's).</summary>
    public IFaceNet PreTrainedFaceNet()
    {
        // The face corpus is opened only when a pre-training run exists: a pretrained face net never needs it.
        var pretrain = planned.Parents.Any(p => p.Method == Methods.Pretrain) ? Parent(Methods.Pretrain) : null;
        return RunModels.PreTrained(faceNet.Name, Config.Network, Classes, pretrain, pretrain is null ? 0 : data.Faces.Classes.Count, device);
    }

    /// <summary>The ExpNet this run trains, freshly initialised (seeded by the caller).</summary>
    public ExpNet NewExpNet(FeatureShape? teacherShape = null) => new(Config.ExpNetOptions(Classes, teacherShape));

    /// <summary>
    /// Trains the classifier <paramref name="create"/> makes on the fold's training images, testing on the fold's test
    /// images after every epoch ("test_acc" in the history); the metrics are the final weights' predictions.
    /// </summary>
    public (FoldMetrics, TrainingHistory) Classify<TNet>(Func<TNet> create,
        Func<TNet, ImageSet, Trainer, Func<int, Dictionary<string, double>>, TrainingHistory> train) where TNet : nn.Module<Tensor, Tensor>
    {
        var (trainSet, test) = data.Fold(Fold);
        using (trainSet) using (test)
        {
            using var net = create();
            net.to(device);
            var labels = test.Labels.data<long>().ToArray();
            int[]? predicted = null;   // of the latest epoch: the final weights' predictions once training ends
            var history = train(net, trainSet, Trainer(), _ =>
            {
                predicted = Predict(net, test);
                return new() { ["test_acc"] = predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length };
            });
            predicted ??= Predict(net, test);   // no epoch left to run (resumed after the last checkpoint)
            var metrics = FoldMetrics.From(predicted, labels, data.Dataset.Classes, history.Losses[^1], history.Epochs.Sum(e => e.Seconds));
            return (metrics, history);
        }
    }

    private int[] Predict(nn.Module<Tensor, Tensor> net, ImageSet test) =>
        Evaluation.Predict(net, test, Crop, Normalization.Standard, BatchSize, device, Config.Compute);
}
