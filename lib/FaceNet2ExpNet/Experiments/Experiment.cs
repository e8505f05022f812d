using System.Diagnostics;
using System.Security.Cryptography;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Every training procedure the paper's tables compare, on one dataset at one profile, through the run store: the face
/// net pre-trained on the face-recognition corpus; per fold the "VGG Fine-Tune (baseline)", "Train From Scratch (BN)",
/// FN2EN stage 1 (regressing the fine-tuned face net's pool5) and stage 2. Finished runs are reused, interrupted ones
/// resume from their last checkpoint, changed settings make new runs.
/// </summary>
public sealed partial class Experiment : IDisposable
{
    /// <summary>The methods of the results tables, in the paper's order.</summary>
    public static readonly string[] Methods = ["scratch-bn", "vgg-finetune", "fn2en"];

    private readonly TextWriter log;
    private readonly RunStore store;
    private ImageSet? images;

    public ExperimentSettings Settings { get; }
    public Profile Profile => Settings.Profile;
    public PreparedDataset Dataset { get; }
    public Device Device { get; }
    /// <summary>The face net's name (the setting, else the profile's).</summary>
    public string FaceNet => Settings.FaceNet ?? Profile.FaceNet;
    /// <summary>Folds this profile runs (the smoke profile runs 2).</summary>
    public int FoldCount => Math.Min(Profile.Folds ?? Dataset.FoldCount, Dataset.FoldCount);

    public Experiment(ExperimentSettings settings, TextWriter? log = null)
    {
        Settings = settings;
        this.log = log ?? Console.Out;
        store = new RunStore(settings.RunsRoot);
        Dataset = PreparedDataset.Open(Path.Combine(settings.DataRoot, settings.Dataset));
        Device = Devices.Resolve(settings.Device);
        if (!FaceNets.Names.Contains(FaceNet))
            throw new ArgumentException($"Face net '{FaceNet}' is not available; choose one of {string.Join(", ", FaceNets.Names)}.");
    }

    /// <summary>Runs every method on every fold (fold by fold) and returns the results table.</summary>
    public ResultsTable RunAll(IReadOnlyCollection<string>? methods = null)
    {
        methods ??= Methods;
        foreach (var m in methods)
            if (!Methods.Contains(m)) throw new ArgumentException($"Unknown method '{m}'; use {string.Join(", ", Methods)}.");
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < FoldCount; k++)
            foreach (var m in methods) MethodRun(m, k);
        log.WriteLine($"[{Settings.Dataset}] all runs ready in {clock.Elapsed:hh\\:mm\\:ss}");
        return Results(methods);
    }

    /// <summary>The results table from the runs (trains whatever is missing).</summary>
    public ResultsTable Results(IReadOnlyCollection<string>? methods = null) =>
        ResultsTable.From(Settings.Dataset, (methods ?? Methods).Select(Summary), Settings.ExtraTrainingData is not null);

    /// <summary>One method over the folds: mean ± std, pooled confusion.</summary>
    public MethodSummary Summary(string method) =>
        new(method, Enumerable.Range(0, FoldCount).Select(k => MethodRun(method, k).Metrics).ToList());

    /// <summary>The finished run of a method on fold k (trained now if needed).</summary>
    public Run MethodRun(string method, int k) => method switch
    {
        "scratch-bn" => ScratchBnRun(k),
        "vgg-finetune" => FineTuneRun(k),
        "fn2en-stage1" => Stage1Run(k),
        "fn2en" => Fn2EnRun(k),
        _ => throw new ArgumentException($"Unknown method '{method}'."),
    };

    /// <summary>Every image of the dataset, loaded once at the profile's image size.</summary>
    public ImageSet AllImages => images ??= Dataset.Load(Profile.ImageSize, progress: Progress);

    /// <summary>Train and test images of fold k (test = the fold's subjects, or split k's test part).</summary>
    public (ImageSet Train, ImageSet Test) FoldData(int k)
    {
        var all = AllImages;
        var split = Dataset.Fold(k);
        var train = all.Subset(split.Train);   // AllImages holds manifest row i at position i
        var test = all.Subset(split.Test);
        if (Extra is { } extra)
        {
            using var more = extra.Load(Profile.ImageSize, extra.Fold(0).Train, Progress);
            using var own = train;
            train = ImageSetConcat.Concat(own, more);
        }
        return (train, test);
    }

    /// <summary>The dataset whose training images join every fold's (SFEW + FER2013), opened once; null if none.</summary>
    private PreparedDataset? Extra => Settings.ExtraTrainingData is { } name ? extra ??= Open(name) : null;
    private PreparedDataset? extra;

    /// <summary>The face-recognition corpus a randomly initialised face net is pre-trained on, opened once.</summary>
    private PreparedDataset Faces => faces ??= Open(Settings.FaceCorpus);
    private PreparedDataset? faces;

    /// <summary>The experiment dataset's identity in run configs (hashed once).</summary>
    private DataRef DatasetRef => datasetRef ??= Ref(Dataset);
    private DataRef? datasetRef;
    private DataRef? extraRef;

    private PreparedDataset Open(string name) => PreparedDataset.Open(Path.Combine(Settings.DataRoot, name));

    private string FoldName(int k) => $"fold-{k}";
    private string Label(string method, int k) => $"{method} fold {k + 1}/{FoldCount}";

    /// <summary>Settings every run shares; the method, schedule and parents are added per run.</summary>
    private RunConfig Config(string method, StepSchedule schedule, DataRef data, params (string Method, string Id)[] parents) => new()
    {
        Method = method, Data = data, Profile = Profile.Name, ImageSize = Profile.ImageSize, Network = Profile.Network,
        Schedule = schedule, BatchSize = Profile.BatchSize, WeightDecay = Profile.WeightDecay, Momentum = 0.9, Seed = Profile.Seed,
        FaceNet = FaceNet,
        ExtraTrainingData = Extra is { } more && data.Name == Settings.Dataset ? extraRef ??= Ref(more) : null,
        Parents = new SortedDictionary<string, string>(parents.ToDictionary(p => p.Method, p => p.Id)),
    };

    private TrainerOptions Options(Run run, RunConfig config, int seed) => new()
    {
        Schedule = config.Schedule, BatchSize = config.BatchSize, Momentum = config.Momentum, WeightDecay = config.WeightDecay,
        Seed = seed, Crop = config.Network.InputSize, CheckpointDir = run.CheckpointDir, Device = Device, ClipGradNorm = config.ClipGradNorm,
    };

    /// <summary>The dataset's identity for run configs: name + hash of dataset.json and manifest.csv.</summary>
    public static DataRef Ref(PreparedDataset dataset)
    {
        using var sha = SHA256.Create();
        foreach (var file in new[] { "dataset.json", "manifest.csv" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(dataset.Root, file));
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return new DataRef(dataset.Info.Name, Convert.ToHexString(sha.Hash!)[..12].ToLowerInvariant());
    }

    public void Dispose() => images?.Dispose();

    private LineProgress Progress => new(log, "data");
}
