using FaceNet2ExpNet.Data;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// The one training loop (face-net pre-training, fine-tuning, scratch-BN, stage 1 and stage 2 all use it; they differ by
/// model, loss, parameter groups and schedule). SGD with momentum, step decay and optional warm-up; each step runs in its
/// own dispose scope and only plain numbers leave it; the forward pass and loss run at the options'
/// <see cref="ComputeFormat"/> (fp32 or bf16 autocast, channels-last or not); checkpoints after epochs; resumes from the
/// last checkpoint.
/// A diverging step (loss or gradient norm not finite, or the loss far above its first value) never touches the
/// weights: the run rolls back to its last good checkpoint (or its start) with the learning rate ×
/// <see cref="TrainerOptions.RollbackFactor"/>, at most <see cref="TrainerOptions.MaxRollbacks"/> times, then stops
/// with <see cref="TrainingDivergedException"/>.
/// </summary>
/// <summary>Makes a training batch from positions in the training set and the epoch's random generator (augmentation).</summary>
public delegate Batch BatchMaker(IReadOnlyList<int> indices, Random rng);

public sealed class Trainer(TrainerOptions options, TextWriter? log = null)
{
    private readonly TextWriter log = log ?? Console.Out;
    public TrainerOptions Options => options;

    /// <summary>Trains every parameter in <paramref name="parameters"/> at the schedule's rate.</summary>
    public TrainingHistory Fit(string name, nn.Module model, IEnumerable<Parameter> parameters, Func<Batch, Tensor> loss,
        ImageSet data, Func<int, Dictionary<string, double>>? evaluate = null, BatchMaker? makeBatch = null) =>
        Fit(name, model, ParameterGroup.All(parameters), loss, data, evaluate, makeBatch);

    /// <summary>Trains <paramref name="groups"/> of <paramref name="model"/> to minimise <paramref name="loss"/> over <paramref name="data"/>.</summary>
    /// <param name="name">Shown in progress lines ("stage1 fold 3").</param>
    /// <param name="evaluate">Optional metrics after each epoch (e.g. validation accuracy); called with the epoch index.</param>
    /// <param name="makeBatch">How a training batch is made from image positions and the epoch's generator; default: random crop + flip.</param>
    /// <exception cref="TrainingDivergedException">The loss diverged more often than <see cref="TrainerOptions.MaxRollbacks"/> allows.</exception>
    public TrainingHistory Fit(string name, nn.Module model, IReadOnlyList<ParameterGroup> groups, Func<Batch, Tensor> loss,
        ImageSet data, Func<int, Dictionary<string, double>>? evaluate = null, BatchMaker? makeBatch = null)
    {
        var batchesPerEpoch = Batches(data.Count, Math.Max(1, options.BatchSize)).Count;
        var schedule = options.Schedule.Validated().ForStepsPerEpoch(batchesPerEpoch);
        if (schedule.Epochs > options.Schedule.Epochs)
            log.WriteLine($"[{name}] {data.Count} images = {batchesPerEpoch} steps per epoch: {options.Schedule.Epochs} epochs stretched to " +
                          $"{schedule.Epochs} for at least {options.Schedule.MinSteps} steps (min_steps)");
        makeBatch ??= (indices, rng) => data.MakeBatch(indices, options.Crop, options.Normalization, rng);
        options.Compute.PreparedFor(model, training: true);
        if (options.BatchSize < 1) throw new ArgumentException($"Batch size {options.BatchSize} must be at least 1.");
        if (data.Count == 0) throw new ArgumentException($"[{name}] no training images.");
        groups = groups.Where(g => g.Parameters.Count > 0).ToList();
        var trainable = groups.SelectMany(g => g.Parameters).ToList();
        var optimizer = NewOptimizer(groups, schedule.BaseLr);
        using var start = new WeightSnapshot();
        try
        {
            var history = Resume(name, model, optimizer, schedule) ?? start.Take(model, new TrainingHistory());
            var batches = Batches(data.Count, options.BatchSize);
            var progress = new ProgressLine(name, schedule.Epochs, data.Count, log, options.ProgressSeconds);
            var epoch = history.Epochs.Count;
            var lastCheckpoint = System.Diagnostics.Stopwatch.StartNew();
            var stepsSinceRelease = 0;
            while (epoch < schedule.Epochs)
            {
                try
                {
                    var record = Epoch(name, model, optimizer, groups, trainable, loss, data, batches, epoch, schedule, history, progress, evaluate, makeBatch);
                    // Freed activations are kept for the next steps (HeapReuse); what piles up (each epoch's evaluation and
                    // last, smaller batch leave blocks the next steps do not fit) goes back after ReleaseSteps steps.
                    stepsSinceRelease += batches.Count;
                    if (stepsSinceRelease >= ReleaseSteps)
                    {
                        HeapReuse.ReleaseFree();
                        stepsSinceRelease = 0;
                    }
                    history.Epochs.Add(record);
                    progress.Epoch(record);
                    options.EpochDone?.Invoke(history);
                    options.Cancellation.ThrowIfCancellationRequested();
                    // The first epoch is always saved, so even a short run has a checkpoint before its last to fall back on.
                    var due = epoch == 0 || (epoch + 1) % Math.Max(1, options.CheckpointEvery) == 0 && lastCheckpoint.Elapsed.TotalSeconds >= options.CheckpointSeconds;
                    if (options.CheckpointDir is { } d && (due || epoch + 1 == schedule.Epochs))
                    {
                        Checkpoint.Save(d, model, optimizer, history);
                        lastCheckpoint.Restart();
                    }
                    epoch++;
                }
                catch (TrainingDivergedException e) when (history.Rollbacks.Count < options.MaxRollbacks)
                {
                    (history, optimizer) = RollBack(name, model, optimizer, groups, schedule, history, start, e);
                    epoch = history.Epochs.Count;
                }
            }
            return history;
        }
        finally
        {
            optimizer.Dispose();
            HeapReuse.ReleaseFree();   // the next run's blocks have other sizes
        }
    }

    /// <summary>
    /// How often memory kept for reuse goes back to the OS (<see cref="HeapReuse.ReleaseFree"/>): after the first epoch
    /// that ends at least this many SGD steps after the last release — every epoch of a CK+-size set (19 steps at batch
    /// 64), every 6th of a 200-image one (3 steps), so the page faults a release costs the next step are paid at most once
    /// per 16 steps, on any CPU. Measured on the cpu profile's stage 1 (fold 0's validation split, 12 epochs of 16 steps,
    /// idle [AVX512-BF16]): RSS grew by ~0.4 GB an epoch to 4.0 GB when released once a minute, peaked at 2.0 GB released
    /// every epoch, at the same 135–137 img/s.
    /// </summary>
    public const int ReleaseSteps = 16;

    private EpochRecord Epoch(string name, nn.Module model, SGD optimizer, IReadOnlyList<ParameterGroup> groups, List<Parameter> trainable,
        Func<Batch, Tensor> loss, ImageSet data, List<(int From, int Count)> batches, int epoch, StepSchedule schedule, TrainingHistory history,
        ProgressLine progress, Func<int, Dictionary<string, double>>? evaluate, BatchMaker makeBatch)
    {
        var started = DateTime.UtcNow;
        var device = options.Device ?? CPU;
        var epochSeed = Seeds.ForEpoch(options.Seed, epoch);
        manual_seed(epochSeed);
        var rng = new Random(epochSeed);
        var order = Seeds.Permutation(data.Count, rng);
        var reference = history.Epochs.Count > 0 ? history.Epochs[0].Loss : (double?)null;

        model.train();
        double sum = 0, gradNorm = 0, lr = 0;
        int seen = 0, skipped = 0, skippedInARow = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var (from, count) = batches[b];
            lr = schedule.LearningRate(epoch, b, batches.Count) * history.LrScale;
            for (var g = 0; g < groups.Count; g++) optimizer.ParamGroups.ElementAt(g).LearningRate = lr * groups[g].LrMult;
            double value;
            using (NewDisposeScope())
            {
                var batch = options.Compute.Layout(makeBatch(new ArraySegment<int>(order, from, count), rng));
                if (device.type != DeviceType.CPU) batch = new Batch(batch.Images.to(device), batch.Labels.to(device), batch.Targets?.to(device));
                optimizer.zero_grad();
                Tensor l;
                using (options.Compute.Region(device)) l = loss(batch);   // bf16: forward + loss under autocast, backward outside
                value = l.item<float>();
                reference ??= double.IsFinite(value) ? value : null;
                CheckLoss(name, epoch, b, value, reference ?? value, lr, history);
                l.backward();
                var norm = GradientNorm(trainable, options.ClipGradNorm);
                if (double.IsFinite(norm))
                {
                    skippedInARow = 0;
                    gradNorm += norm;
                    optimizer.step();
                }
                else
                {
                    // A lone non-finite gradient with a finite loss is skipped, as AMP's gradient scaler skips such steps
                    // (seen here on CPU: libtorch's multi-threaded backward now and then yields NaN for the first layers);
                    // several in a row mean the weights are bad: handled as a divergence.
                    skipped++;
                    if (++skippedInARow > options.MaxSkippedSteps)
                        throw Diverged(name, epoch, b, value, $"gradient norm = {norm} in {skippedInARow} steps in a row", lr, history);
                    log.WriteLine($"[{name}] epoch {epoch + 1} step {b + 1}: gradient norm = {norm}, loss {value:G4} — step skipped, weights unchanged");
                }
            }
            sum += value * count;
            seen += count;
            progress.Step(epoch, b, batches.Count, count, sum / seen, lr);
        }
        var metrics = evaluate?.Invoke(epoch) ?? [];
        metrics["grad_norm"] = gradNorm / Math.Max(1, batches.Count - skipped);
        if (skipped > 0) metrics["skipped_steps"] = skipped;
        return new EpochRecord(epoch, sum / seen, lr, (DateTime.UtcNow - started).TotalSeconds, metrics);
    }

    /// <summary>The last checkpoint's history (weights and momentum restored), or null when there is none.</summary>
    private TrainingHistory? Resume(string name, nn.Module model, SGD optimizer, StepSchedule schedule)
    {
        if (LoadCheckpoint(model, optimizer) is not { } resumed) return null;
        var dir = options.CheckpointDir;
        resumed.ResumedAfter = resumed.Epochs.Count - 1;
        if (resumed.Epochs.Count < schedule.Epochs)
            log.WriteLine($"[{name}] resuming after epoch {resumed.Epochs.Count}/{schedule.Epochs} from {dir}" +
                          (resumed.LrScale < 1 ? $" (learning rate ×{resumed.LrScale:G3} after {resumed.Rollbacks.Count} rollback(s))" : ""));
        return resumed;
    }

    private TrainingHistory? LoadCheckpoint(nn.Module model, SGD optimizer)
    {
        if (options.CheckpointDir is not { } dir) return null;
        Directory.CreateDirectory(dir);
        return Checkpoint.TryLoad(dir, model, optimizer, log);
    }

    /// <summary>
    /// Restores the last good checkpoint (or the weights the run started from, with fresh momentum), lowers the learning
    /// rate, records the rollback in the history and saves it, so an interrupted run resumes with the lowered rate.
    /// </summary>
    private (TrainingHistory, SGD) RollBack(string name, nn.Module model, SGD optimizer, IReadOnlyList<ParameterGroup> groups,
        StepSchedule schedule, TrainingHistory diverged, WeightSnapshot start, TrainingDivergedException e)
    {
        var restored = LoadCheckpoint(model, optimizer);
        if (restored is null)
        {
            start.Restore(model);
            optimizer.Dispose();
            optimizer = NewOptimizer(groups, schedule.BaseLr);
            restored = new TrainingHistory();
        }
        restored.ResumedAfter = diverged.ResumedAfter;
        restored.LrScale = diverged.LrScale * options.RollbackFactor;
        restored.Rollbacks.Clear();
        restored.Rollbacks.AddRange(diverged.Rollbacks);
        restored.Rollbacks.Add(new Rollback(e.Epoch, e.Step, e.Loss, restored.Epochs.Count, restored.LrScale));
        log.WriteLine($"[{name}] diverged at epoch {e.Epoch}, step {e.Step}: {e.What} — rolled back to " +
                      (restored.Epochs.Count > 0 ? $"the checkpoint after epoch {restored.Epochs.Count}" : "the start") +
                      $", learning rate ×{options.RollbackFactor:G3} (now ×{restored.LrScale:G3}; rollback {restored.Rollbacks.Count} of {options.MaxRollbacks})");
        if (options.CheckpointDir is { } d) Checkpoint.Save(d, model, optimizer, restored);
        return (restored, optimizer);
    }

    private SGD NewOptimizer(IReadOnlyList<ParameterGroup> groups, double lr) =>
        optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, lr: lr * g.LrMult, momentum: options.Momentum,
            weight_decay: options.WeightDecay)).ToList(), lr, momentum: options.Momentum, weight_decay: options.WeightDecay);

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

    private void CheckLoss(string name, int epoch, int step, double value, double reference, double lr, TrainingHistory history)
    {
        if (double.IsFinite(value) && Math.Abs(value) <= options.DivergenceFactor * Math.Max(Math.Abs(reference), 1e-12)) return;
        throw Diverged(name, epoch, step, value, $"loss = {value:G4} (first loss {reference:G4})", lr, history);
    }

    private TrainingDivergedException Diverged(string name, int epoch, int step, double loss, string what, double lr, TrainingHistory history) =>
        new($"[{name}] training diverged at epoch {epoch + 1}, step {step + 1}: {what}, lr {lr:G3}. " +
            "The weights were not updated with this step" +
            (history.Rollbacks.Count > 0 ? $"; {history.Rollbacks.Count} rollback(s) to the last good checkpoint with a lower learning rate did not help. " : ". ") +
            "Lower the learning rate (the paper starts stage 1 at 1e-7 because the regression loss is very large) or check the input data.",
            epoch + 1, step + 1, loss, what);
}
