using System.Diagnostics;
using System.Security.Cryptography;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments.Recipes;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Every training procedure the paper's tables compare, on one dataset at one profile, through the run store: the
/// <see cref="Plan"/> (built once from the effective <see cref="Training"/> settings) and one recipe per method
/// (Recipes/). Training happens only when asked (<see cref="RunAll"/>, <see cref="Ensure"/>): finished runs are reused,
/// interrupted ones resume from their last checkpoint, changed settings make new runs. Reading a run that is not
/// trained (<see cref="Run"/>, <see cref="Results"/>, the Load methods) is a clear error, never silent training.
/// </summary>
public sealed partial class Experiment : IDisposable
{
    private readonly RunStore store;
    private readonly HashSet<string> announced = [];
    private ImageSet? images;

    public ExperimentSettings Settings { get; }
    /// <summary>The effective settings: the profile's, its recipes for <see cref="FaceNet"/>, then the overrides.</summary>
    public TrainingSettings Training { get; }
    public Profile Profile => Settings.Profile;
    public PreparedDataset Dataset { get; }
    public Device Device { get; }
    /// <summary>The face net: the setting, else the profile's for synthetic or for real data.</summary>
    public string FaceNet { get; }
    /// <summary>Every run of this experiment, with its config and parents.</summary>
    public RunPlan Plan { get; }
    /// <summary>Folds this experiment runs (the setting, at most the dataset's).</summary>
    public int FoldCount => Plan.FoldCount;
    internal TextWriter Log { get; }

    /// <exception cref="ArgumentException">Unknown face net or setting, or a bad override value.</exception>
    public Experiment(ExperimentSettings settings, TextWriter? log = null)
    {
        Settings = settings;
        Log = log ?? Console.Out;
        store = new RunStore(settings.RunsRoot, Log);
        Dataset = PreparedDataset.Open(Path.Combine(settings.DataRoot, settings.Dataset));
        Device = Devices.Resolve(settings.Device);
        FaceNet = settings.FaceNet ?? (IsSynthetic(Dataset) ? Profile.FaceNet : Profile.RealFaceNet);
        FaceNets.Spec(FaceNet);
        Training = settings.Resolve(FaceNet);
        var folds = Math.Min(Training.Folds ?? Dataset.FoldCount, Dataset.FoldCount);
        Plan = new RunPlan(Training, DatasetRef, Extra is { } more ? Ref(more) : null, () => Ref(Faces), folds);
    }

    /// <summary>Trains every missing run of <paramref name="methods"/> (and their parents), fold by fold; returns the results table.</summary>
    /// <exception cref="RunNotTrainedException">Waiting is off (<see cref="ExperimentSettings.Claims"/>) and another process holds a run.</exception>
    public ResultsTable RunAll(IReadOnlyCollection<string>? methods = null)
    {
        Train(methods);
        return Results(methods);
    }

    /// <summary>The results table from the finished runs.</summary>
    /// <exception cref="RunNotTrainedException">A run of the table is not trained yet.</exception>
    public ResultsTable Results(IReadOnlyCollection<string>? methods = null) =>
        ResultsTable.From(Settings.Dataset, CheckMethods(methods).Select(Summary), Settings.ExtraTrainingData is not null,
            $"profile {Profile.Name}, face net {FaceNet}{(Settings.Overrides.Count > 0 ? ", " + string.Join(", ", Settings.Overrides.Select(o => $"{o.Key}={o.Value}")) : "")}");

    /// <summary>One method over the folds (mean ± std, pooled confusion), from its finished runs.</summary>
    /// <exception cref="RunNotTrainedException">A fold's run is not trained yet.</exception>
    public MethodSummary Summary(string method) =>
        new(method, Enumerable.Range(0, FoldCount).Select(k => Run(method, k).Metrics).ToList());

    /// <summary>The finished run of <paramref name="method"/> on fold <paramref name="k"/>.</summary>
    /// <exception cref="RunNotTrainedException">It is not trained yet (the message says how to train it).</exception>
    public Run Run(string method, int k) => Finished(Plan[method, k]);

    /// <summary>The run of <paramref name="method"/> on fold <paramref name="k"/>, trained now (with its parents) if it is not yet.</summary>
    public Run Ensure(string method, int k) => Ensure(Plan[method, k]);

    /// <summary>Every image of the dataset, loaded once at the profile's image size.</summary>
    public ImageSet AllImages => images ??= Dataset.Load(Training.ImageSize, progress: Progress);

    /// <summary>Train and test images of fold k (test = the fold's subjects, or split k's test part).</summary>
    public (ImageSet Train, ImageSet Test) FoldData(int k)
    {
        var all = AllImages;
        var split = Dataset.Fold(k);
        var train = all.Subset(split.Train);   // AllImages holds manifest row i at position i
        var test = all.Subset(split.Test);
        if (Extra is { } extra)
        {
            using var more = extra.Load(Training.ImageSize, extra.Fold(0).Train, Progress);
            using var own = train;
            train = ImageSetConcat.Concat(own, more);
        }
        return (train, test);
    }

    /// <summary>The ExpNet of one of this experiment's runs (<see cref="RunConfig.ExpNetOptions"/>), the face net's pool5 measured once.</summary>
    public ExpNetOptions ExpNetOptions(RunConfig config) =>
        config.ExpNetOptions(Dataset.Classes.Count, config.FaceNet == FaceNet ? TeacherShape : null);

    /// <summary>Shape of the face net's pool5 (what stage 1 regresses and ExpNet's bridge produces).</summary>
    public FeatureShape TeacherShape => teacherShape ??= FaceNets.Pool5Shape(FaceNet, Training.Network);
    private FeatureShape? teacherShape;

    /// <summary>The face corpus a randomly initialised face net is pre-trained on, opened once.</summary>
    internal PreparedDataset Faces => faces ??= Open(Settings.FaceCorpus);
    private PreparedDataset? faces;

    /// <summary>The dataset whose training images join every fold's (SFEW + FER2013), opened once; null if none.</summary>
    private PreparedDataset? Extra => Settings.ExtraTrainingData is { } name ? extra ??= Open(name) : null;
    private PreparedDataset? extra;

    private DataRef DatasetRef => datasetRef ??= Ref(Dataset);
    private DataRef? datasetRef;

    private PreparedDataset Open(string name) => PreparedDataset.Open(Path.Combine(Settings.DataRoot, name));

    private static bool IsSynthetic(PreparedDataset d) => d.Info.Normalisation.StartsWith("synthetic", StringComparison.Ordinal);

    private static IReadOnlyCollection<string> CheckMethods(IReadOnlyCollection<string>? methods)
    {
        methods ??= Methods.Compared;
        foreach (var m in methods)
            if (!Methods.Compared.Contains(m)) throw new ArgumentException($"Unknown method '{m}'; use {string.Join(", ", Methods.Compared)}.");
        return methods;
    }

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

    internal LineProgress Progress => new(Log, "data");
}
