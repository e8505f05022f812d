using FaceNet2ExpNet.Data;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// The one training loop (face-net pre-training, fine-tuning, scratch-BN, stage 1 and stage 2 all use it; they differ by
/// model, loss and schedule). SGD with momentum and step decay; each step runs in its own dispose scope and only plain
/// numbers leave it; checkpoints after epochs; resumes from the last checkpoint; stops cleanly if the loss diverges.
/// </summary>
public sealed class Trainer(TrainerOptions options, TextWriter? log = null)
{
    private readonly TextWriter log = log ?? Console.Out;
    public TrainerOptions Options => options;

    /// <summary>Trains <paramref name="parameters"/> of <paramref name="model"/> to minimise <paramref name="loss"/> over <paramref name="data"/>.</summary>
    /// <param name="name">Shown in progress lines ("stage1 fold 3").</param>
    /// <param name="evaluate">Optional metrics after each epoch (e.g. validation accuracy); called with the epoch index.</param>
    public TrainingHistory Fit(string name, nn.Module model, IEnumerable<Parameter> parameters, Func<Batch, Tensor> loss,
        ImageSet data, Func<int, Dictionary<string, double>>? evaluate = null)
    {
        var schedule = options.Schedule.Validated();
        if (options.BatchSize < 1) throw new ArgumentException($"Batch size {options.BatchSize} must be at least 1.");
        if (data.Count == 0) throw new ArgumentException($"[{name}] no training images.");
        var device = options.Device ?? CPU;
        var trainable = parameters.ToList();
        using var optimizer = optim.SGD(trainable, schedule.BaseLr, momentum: options.Momentum, weight_decay: options.WeightDecay);

        var history = new TrainingHistory();
        if (options.CheckpointDir is { } dir)
        {
            Directory.CreateDirectory(dir);
            if (Checkpoint.TryLoad(dir, model, optimizer) is { } resumed)
            {
                history = resumed;
                history.ResumedAfter = history.Epochs.Count - 1;
                if (history.Epochs.Count < schedule.Epochs)
                    log.WriteLine($"[{name}] resuming after epoch {history.Epochs.Count}/{schedule.Epochs} from {dir}");
            }
        }

        var batches = Batches(data.Count, options.BatchSize);
        var progress = new ProgressLine(name, schedule.Epochs, data.Count, log, options.ProgressSeconds);
        double? reference = history.Epochs.Count > 0 ? history.Epochs[0].Loss : null;

        for (var epoch = history.Epochs.Count; epoch < schedule.Epochs; epoch++)
        {
            var started = DateTime.UtcNow;
            var lr = schedule.LearningRate(epoch);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            var epochSeed = Seeds.ForEpoch(options.Seed, epoch);
            manual_seed(epochSeed);
            var rng = new Random(epochSeed);
            var order = Seeds.Permutation(data.Count, rng);

            model.train();
            double sum = 0, gradNorm = 0;
            var seen = 0;
            for (var b = 0; b < batches.Count; b++)
            {
                var (from, count) = batches[b];
                var indices = new ArraySegment<int>(order, from, count);
                double value;
                using (NewDisposeScope())
                {
                    var batch = data.MakeBatch(indices, options.Crop, options.Normalization, rng);
                    if (device.type != DeviceType.CPU) batch = new Batch(batch.Images.to(device), batch.Labels.to(device));
                    optimizer.zero_grad();
                    var l = loss(batch);
                    value = l.item<float>();
                    reference ??= value;
                    CheckDiverged(name, epoch, b, value, reference.Value, lr);
                    l.backward();
                    gradNorm += GradientNorm(trainable, options.ClipGradNorm);
                    optimizer.step();
                }
                sum += value * count;
                seen += count;
                progress.Step(epoch, b, batches.Count, count, sum / seen, lr);
            }

            var metrics = evaluate?.Invoke(epoch) ?? [];
            metrics["grad_norm"] = gradNorm / batches.Count;
            var record = new EpochRecord(epoch, sum / seen, lr, (DateTime.UtcNow - started).TotalSeconds, metrics);
            history.Epochs.Add(record);
            progress.Epoch(record);
            if (options.CheckpointDir is { } d && ((epoch + 1) % Math.Max(1, options.CheckpointEvery) == 0 || epoch + 1 == schedule.Epochs))
                Checkpoint.Save(d, model, optimizer, history);
        }
        return history;
    }

    /// <summary>(start, count) of each batch; a final batch of one image joins the previous one (batch norm needs two).</summary>
    public static List<(int From, int Count)> Batches(int n, int batchSize)
    {
        var list = new List<(int, int)>();
        for (var from = 0; from < n; from += batchSize) list.Add((from, Math.Min(batchSize, n - from)));
        if (list.Count > 1 && list[^1].Item2 == 1)
        {
            var (f, c) = list[^2];
            list[^2] = (f, c + 1);
            list.RemoveAt(list.Count - 1);
        }
        return list;
    }

    /// <summary>The global gradient norm (recorded per epoch); when <paramref name="limit"/> is set, gradients are clipped to it.</summary>
    private static double GradientNorm(IReadOnlyList<Parameter> parameters, double? limit)
    {
        if (limit is { } max) return nn.utils.clip_grad_norm_(parameters, max);
        using var scope = NewDisposeScope();
        var norms = parameters.Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray();
        return norms.Length == 0 ? 0 : stack(norms).norm().item<float>();
    }

    private void CheckDiverged(string name, int epoch, int step, double value, double reference, double lr)
    {
        if (double.IsFinite(value) && Math.Abs(value) <= options.DivergenceFactor * Math.Max(Math.Abs(reference), 1e-12)) return;
        throw new TrainingDivergedException(
            $"[{name}] training diverged at epoch {epoch + 1}, step {step + 1}: loss = {value:G4} (first loss {reference:G4}, lr {lr:G3}). " +
            "The weights were not updated with this step. Lower the learning rate (the paper starts stage 1 at 1e-7 because " +
            "the regression loss is very large) or check the input data.");
    }
}
