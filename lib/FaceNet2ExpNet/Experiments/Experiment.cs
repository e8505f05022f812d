using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Every training procedure the paper's tables compare, on one dataset at one profile, through the run store: the
/// effective settings, the data (<see cref="Data"/>), the <see cref="Plan"/> of runs and the runs themselves. Training
/// happens only when asked (<see cref="RunAll"/>, <see cref="Train"/>, <see cref="Ensure(MethodSpec, int)"/>): finished
/// runs are reused, interrupted ones resume from their last checkpoint, changed settings make new runs; each run is
/// trained by its method's recipe (<see cref="MethodSpec.Recipe"/>). Reading a run that is not trained
/// (<see cref="Run"/>, <see cref="Results"/>, the Load methods) is a clear error, never silent training.
/// </summary>
public sealed partial class Experiment : IDisposable
{
    private readonly RunStore store;
    private readonly HashSet<string> announced = [];

    public ExperimentSettings Settings { get; }
    /// <summary>The effective settings: the profile's, its values for <see cref="FaceNet"/>, then the overrides (<see cref="ExperimentSettings.Resolve(string, out string?)"/>).</summary>
    public SettingValues Effective { get; }
    public Profile Profile => Settings.Profile;
    /// <summary>The dataset, its folds, the extra training data and the face corpus.</summary>
    public ExperimentData Data { get; }
    public PreparedDataset Dataset => Data.Dataset;
    public Device Device { get; }
    /// <summary>The face net: the setting, else the profile's for synthetic or for real data.</summary>
    public string FaceNet { get; }
    /// <summary>The face net's registry entry.</summary>
    public FaceNetSpec FaceNetSpec { get; }
    /// <summary>Every run of this experiment, with its config and parents.</summary>
    public RunPlan Plan { get; }
    /// <summary>Folds this experiment runs (the setting, at most the dataset's).</summary>
    public int FoldCount => Plan.FoldCount;
    internal TextWriter Log { get; }

    /// <exception cref="ArgumentException">Unknown face net or setting, a bad override value, or one no run uses.</exception>
    /// <exception cref="DatasetFormatException">The dataset is missing or damaged, or not fit to train on.</exception>
    /// <exception cref="InvalidOperationException">A run store from before run ids named only the settings each run uses.</exception>
    public Experiment(ExperimentSettings settings, TextWriter? log = null)
    {
        Settings = settings;
        Log = log ?? CurrentConsole.Out;
        store = new RunStore(settings.RunsRoot, Log);
        foreach (var folder in new[] { settings.Dataset, settings.FaceCorpus }.Select(d => Path.Combine(store.Root, d, settings.Profile.Name)))
            if (RunStoreMigration.HasLegacyRuns(folder))
                throw new InvalidOperationException($"{folder} holds runs made before run ids named only the settings each run uses: " +
                                                    $"run `fn2en migrate --runs {settings.RunsRoot}` once (it renames them to their new ids and lists each), then this again.");
        var dataset = PreparedDataset.Open(settings.DatasetFolder(settings.Dataset));
        Device = Devices.Resolve(settings.Device);
        FaceNet = settings.FaceNet ?? (dataset.Info.IsSynthetic ? Profile.FaceNet : Profile.RealFaceNet);
        FaceNetSpec = FaceNets.Spec(FaceNet);
        Effective = settings.Resolve(FaceNet, out var precision);
        if (precision is not null) Log.WriteLine($"[{settings.Dataset}] {precision}");
        CheckOverridesAreUsed();
        if (Effective.Get(Setting.InputSize) > Effective.Get(Setting.ImageSize))
            throw new ArgumentException($"input_size {Effective.Get(Setting.InputSize)} is larger than image_size {Effective.Get(Setting.ImageSize)}: the training crops are cut from the loaded images.");
        if (Effective.Get(Setting.Mixup) > 0 && Effective.Get(Setting.TargetAugmentations) > 0)
            throw new ArgumentException($"stage1.mixup {Effective.Text(Setting.Mixup)} blends images the teacher must then see, but stage1.target_augmentations " +
                                        $"{Effective.Get(Setting.TargetAugmentations)} caches its targets for fixed views: add --set stage1.target_augmentations=0.");
        Data = new ExperimentData(settings, dataset, Effective.Get(Setting.ImageSize), Effective.Get(Setting.Split) == "validation", Log,
            Effective.Get(Setting.Unlabelled));
        var folds = Effective.Get(Setting.Folds) is var n and > 0 ? Math.Min(n, Dataset.FoldCount) : Dataset.FoldCount;
        Plan = new RunPlan(Profile.Name, FaceNetSpec, Effective, Data.Ref, Data.Extra is { } more ? ExperimentData.RefOf(more) : null,
            () => ExperimentData.RefOf(Data.Faces), folds, Data.UnlabelledRef);
    }

    /// <summary>Trains every missing run of <paramref name="methods"/> (and their parents), fold by fold; returns the results table.</summary>
    /// <exception cref="RunNotTrainedException">Waiting is off (<see cref="ExperimentSettings.Claims"/>) and another process holds a run.</exception>
    public ResultsTable RunAll(IReadOnlyCollection<MethodSpec>? methods = null)
    {
        Train(methods);
        return Results(methods);
    }

    /// <summary>The results table from the finished runs.</summary>
    /// <exception cref="RunNotTrainedException">A run of the table is not trained yet.</exception>
    public ResultsTable Results(IReadOnlyCollection<MethodSpec>? methods = null) =>
        ResultsTable.From(Settings.Dataset, CheckMethods(methods).Select(Summary), Settings.ExtraTrainingData is not null, Setup);

    /// <summary>What produced this experiment's figures: "data data/synthetic-ck (1308 images, 128 px, 317c218f6ad1), profile quick, face net faceapi-resnet, stage1.lr=3e-05, tested on …".</summary>
    public string Setup => $"data {Settings.DatasetFolder(Settings.Dataset)} ({Dataset.Rows.Count} images, {Dataset.Info.ImageSize} px, {Data.Ref.Fingerprint}), profile {Profile.Name}, face net {FaceNet}" +
        string.Concat(Settings.Overrides.Names.Select(n => $", {n}={Settings.Overrides.Text(Setting.Find(n))}")) +
        (IsValidation ? ", tested on a validation split of each fold's training subjects" : "");

    /// <summary>Every setting's effective value, whether it is overridden and which runs it decides (<c>fn2en run --show-config</c>).</summary>
    public string Describe() => SettingsDescription.Of(Effective, Settings.Overrides, FaceNetSpec);

    /// <summary>Input size and width of this experiment's networks.</summary>
    public NetworkSize Network => new(Effective.Get(Setting.InputSize), Effective.Get(Setting.Width));

    /// <summary>True when the fold's runs are tested on a validation split of its training subjects (setting <c>split</c>).</summary>
    public bool IsValidation => Data.IsValidation;

    /// <summary>One method over the folds (mean ± std, pooled confusion), from its finished runs.</summary>
    /// <exception cref="RunNotTrainedException">A fold's run is not trained yet.</exception>
    public MethodSummary Summary(MethodSpec method) =>
        new(method, Enumerable.Range(0, FoldCount).Select(k => Run(method, k).Metrics).ToList());

    /// <summary>The finished run of <paramref name="method"/> on fold <paramref name="k"/>.</summary>
    /// <exception cref="RunNotTrainedException">It is not trained yet (the message says how to train it).</exception>
    public Run Run(MethodSpec method, int k) => Finished(Plan[method, k]);

    /// <summary>The run of <paramref name="method"/> on fold <paramref name="k"/>, trained now (with its parents) if it is not yet.</summary>
    public Run Ensure(MethodSpec method, int k) => Ensure(Plan[method, k]);

    /// <summary>Train and test images of fold k (<see cref="ExperimentData.Fold"/>; dispose them).</summary>
    public (ImageSet Train, ImageSet Test) FoldData(int k) => Data.Fold(k);

    /// <summary>Every image of the dataset at the profile's image size.</summary>
    public ImageSet AllImages => Data.AllImages;

    /// <summary>The ExpNet of one of this experiment's runs (<see cref="RunConfig.ExpNetOptions"/>), the face net's layer measured once.</summary>
    public ExpNetOptions ExpNetOptions(RunConfig config) =>
        config.ExpNetOptions(Dataset.Classes.Count, config.FaceNet == FaceNet && config.Spec.TrainsExpNet ? TeacherShape : null);

    /// <summary>Shape of the face-net layer stage 1 regresses (<c>stage1.teacher_layer</c>; what ExpNet's bridge produces).</summary>
    public FeatureShape TeacherShape => teacherShape ??= FaceNets.TapShape(FaceNet, Effective.Get(Setting.TeacherLayer), Network);
    private FeatureShape? teacherShape;

    private static IReadOnlyCollection<MethodSpec> CheckMethods(IReadOnlyCollection<MethodSpec>? methods)
    {
        methods ??= Methods.Compared;
        foreach (var m in methods)
            if (!m.Compared) throw new ArgumentException($"{m.Key} is not a method of the results tables; use {string.Join(", ", Methods.Compared)}.");
        return methods;
    }

    /// <summary>
    /// Refuses an override that decides no run of this experiment (e.g. <c>pretrain.lr</c> with a pretrained face net),
    /// so a typo'd intention is one line rather than a silently ignored value.
    /// </summary>
    /// <exception cref="ArgumentException">Such an override; the message says which runs the setting decides.</exception>
    private void CheckOverridesAreUsed()
    {
        foreach (var name in Settings.Overrides.Names)
        {
            var setting = Setting.Find(name);
            if (setting.IsPlan || Methods.All.Any(m => (m.PerFold || !FaceNetSpec.Pretrained) && setting.Decides(new RunKind(m, FaceNetSpec)))) continue;
            throw new ArgumentException(Methods.All.Any(m => setting.Decides(new RunKind(m, FaceNetSpec)))
                ? $"{name}: face net '{FaceNet}' is pretrained, so this experiment has no {Methods.Pretrain.PaperName} run to set it for."
                : $"{name}: no run of this experiment uses it (face net {FaceNet}).");
        }
    }

    public void Dispose() => Data.Dispose();
}
