using TorchSharp;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>
/// What a recipe trains with: the planned run (config, parents), its folder in the run store, the experiment's data and
/// device, and <paramref name="stop"/>, cancelled when another process takes the run over (its trainer stops then).
/// </summary>
public sealed class RunContext(Experiment experiment, PlannedRun planned, Run run, string label, CancellationToken stop = default)
{
    public Experiment Experiment => experiment;
    public PlannedRun Planned => planned;
    public Run Run => run;
    public RunConfig Config => planned.Config;
    /// <summary>"fn2en fold-3": the prefix of this run's log lines.</summary>
    public string Label => label;
    /// <summary>The fold (0 for a run shared by every fold).</summary>
    public int Fold => planned.Fold ?? 0;
    /// <summary>This run's SGD schedule (its method's settings).</summary>
    public Schedule Schedule => Config.Schedule;
    /// <summary>The run's seed: the config's plus the fold, so folds draw differently and a rerun draws the same.</summary>
    public int Seed => Config.Get(Setting.Seed) + Fold;
    public int BatchSize => Config.Get(Setting.BatchSize);
    /// <summary>Network input side: random crops of it in training, the centre crop in testing.</summary>
    public int Crop => Config.Network.InputSize;

    /// <summary>
    /// The trainer of this run: its schedule and clipping, the optimiser settings, its precision and memory format,
    /// checkpoints in the run folder (after an epoch, at most once a minute, and after the last).
    /// </summary>
    public Trainer Trainer() => new(new TrainerOptions
    {
        Schedule = Schedule.LrSchedule, BatchSize = BatchSize, Momentum = Config.Get(Setting.Momentum), WeightDecay = Config.Get(Setting.WeightDecay),
        Seed = Seed, Crop = Crop, CheckpointDir = run.CheckpointDir, CheckpointSeconds = 60, Device = experiment.Device,
        ClipGradNorm = Schedule.ClipGradNorm, Cancellation = stop, Compute = Config.Compute, EpochDone = run.WriteLog,
    }, experiment.Log);

    /// <summary>The finished parent run of <paramref name="method"/>.</summary>
    public Run Parent(MethodSpec method) => experiment.Finished(planned.Parent(method));

    /// <summary>
    /// Trains the classifier <paramref name="create"/> makes on the fold's training images, testing on the fold's test
    /// images after every epoch ("test_acc" in the history); the metrics are the final weights' predictions.
    /// </summary>
    public (FoldMetrics, TrainingHistory) Classify<TNet>(Func<TNet> create,
        Func<TNet, ImageSet, Trainer, Func<int, Dictionary<string, double>>, TrainingHistory> train) where TNet : nn.Module<Tensor, Tensor>
    {
        var (trainSet, test) = experiment.FoldData(Fold);
        using (trainSet) using (test)
        {
            using var net = create();
            net.to(experiment.Device);
            var labels = test.Labels.data<long>().ToArray();
            int[]? predicted = null;   // of the latest epoch: the final weights' predictions once training ends
            var history = train(net, trainSet, Trainer(), _ =>
            {
                predicted = Predict(net, test);
                return new() { ["test_acc"] = predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length };
            });
            predicted ??= Predict(net, test);   // no epoch left to run (resumed after the last checkpoint)
            var metrics = FoldMetrics.From(predicted, labels, experiment.Dataset.Classes, history.Losses[^1], history.Epochs.Sum(e => e.Seconds));
            return (metrics, history);
        }
    }

    private int[] Predict(nn.Module<Tensor, Tensor> net, ImageSet test) =>
        Evaluation.Predict(net, test, Crop, Normalization.Standard, BatchSize, experiment.Device, Config.Compute);
}
