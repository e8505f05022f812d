using System.Diagnostics;
using System.Text.Json.Nodes;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>The parts around the networks: the data pipeline and the training loop's memory.</summary>
public static class SystemBenches
{
    /// <summary>
    /// The data pipeline on a small synthetic prepared dataset written at 256 px (the paper profile's image size) into
    /// <paramref name="scratch"/>: decoding its JPEG/PNG files into memory (what a run does once, at load), and the
    /// per-step random 224 crop + flip + normalisation of a batch (<see cref="ImageSet.MakeBatch(IReadOnlyList{int}, int, Normalization, Random)"/>), both in img/s.
    /// </summary>
    public static JsonObject DataPipeline(string scratch, int batch, TextWriter log)
    {
        log.WriteLine("[bench] data pipeline: writing a small synthetic dataset at 256 px…");
        var corpus = new SyntheticOptions
        {
            ImageSize = 256, Identities = 4, ImagesPerIdentity = 3, TestImagesPerIdentity = 1, Subjects = 10, SequenceScale = 0.15,
        };
        var dataset = SyntheticCorpora.Ensure(corpus, scratch).Expressions8;
        var watch = Stopwatch.StartNew();
        using var images = dataset.Load(256);
        var decode = images.Count / watch.Elapsed.TotalSeconds;
        log.WriteLine($"[bench] data pipeline: decoded {images.Count} images at {decode:F0} img/s");
        var rng = new Random(1);
        var crop = StepTimer.Best(() =>
        {
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(0, batch).Select(_ => rng.Next(images.Count)).ToArray();
            images.MakeBatch(indices, 224, Normalization.Standard, rng);
        }, 2, 10);
        log.WriteLine($"[bench] data pipeline: crop + flip + normalise {batch / crop:F0} img/s");
        return new JsonObject
        {
            ["images"] = images.Count, ["image_size"] = 256, ["crop"] = 224,
            ["decode_img_s"] = Math.Round(decode, 1), ["crop_flip_img_s"] = Math.Round(batch / crop, 1),
        };
    }

    /// <summary>
    /// Resident memory (MiB) of this process after training step 100 and step 500 of <see cref="Trainer"/> — a small
    /// ExpNet (32 px, width ¼) on 1600 in-memory images, batch 16, so 100 steps per epoch. Equal figures: no leak per step.
    /// </summary>
    public static JsonObject Memory(TextWriter log)
    {
        log.WriteLine("[bench] memory: 500 training steps of a small ExpNet through Trainer…");
        // The benches before this one keep their freed activations in the heap (HeapReuse; GBs after VGG-16 at 224 px):
        // hand them back first, or step 100 would read them and the two figures would not compare this run's steps.
        HeapReuse.ReleaseFree();
        manual_seed(3);
        const int count = 1600;
        using var data = new ImageSet(randint(0, 256, [count, 3, 40, 40], dtype: ScalarType.Byte), arange(count, dtype: ScalarType.Int64) % 3,
            Enumerable.Range(0, count).ToArray(), ["a", "b", "c"]);
        using var net = new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.25), BatchNorm = true });
        var rss = new Dictionary<int, double>();
        var trainer = new Trainer(new TrainerOptions
        {
            Schedule = new StepSchedule(0.01, 5, StepEvery: 0), BatchSize = 16, Crop = 32, Seed = 1, ProgressSeconds = 1e9,
        }, TextWriter.Null);
        Stages.ScratchBn(net, data, trainer, "memory", epoch =>
        {
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            rss[(epoch + 1) * count / 16] = self.WorkingSet64 / (1024.0 * 1024.0);
            return [];
        });
        log.WriteLine($"[bench] memory: {rss[100]:F0} MiB at step 100, {rss[500]:F0} MiB at step 500");
        return new JsonObject { ["step_100"] = Math.Round(rss[100], 1), ["step_500"] = Math.Round(rss[500], 1) };
    }
}
