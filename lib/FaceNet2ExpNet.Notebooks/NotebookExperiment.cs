using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// The notebooks' one door into the experiment layer: every run a notebook shows is obtained here — from the run store,
/// and trained first when missing (a notebook that shows a run asks for it; `Experiment` itself never trains on a read).
/// </summary>
internal sealed class NotebookExperiment(NotebookParameters parameters) : IDisposable
{
    private Experiment? experiment;
    private Experiment Experiment => experiment ??= new Experiment(parameters.Settings);

    /// <summary>The methods of the results tables, in the paper's order.</summary>
    public static IReadOnlyList<MethodSpec> Methods => Experiments.Methods.Compared;

    /// <summary>Folds this profile runs on the dataset.</summary>
    public int FoldCount => Experiment.FoldCount;

    /// <summary>Every method on every fold of the profile; the results table beside the paper's.</summary>
    public ResultsTable Results() => Experiment.RunAll();

    /// <summary>The same with <paramref name="extraData"/>'s training images added to every fold (SFEW + FER2013).</summary>
    public ResultsTable ResultsWithExtraTraining(string extraData)
    {
        using var extended = new Experiment(parameters.Settings with { ExtraTrainingData = extraData });
        return extended.RunAll();
    }

    /// <summary>
    /// The results table of the same dataset and profile with <paramref name="faceNet"/>, from whatever folds are
    /// finished in the run store, for <paramref name="methods"/> (never trains: a real face net's runs take about 20 minutes per
    /// fold here).
    /// </summary>
    public ResultsSoFar ResultsSoFarWith(string faceNet, IReadOnlyCollection<MethodSpec> methods)
    {
        using var other = new Experiment(parameters.Settings with { FaceNet = faceNet });
        return other.ResultsSoFar(methods);
    }

    /// <summary>One method over the folds: accuracies, pooled confusion.</summary>
    public MethodSummary Summary(MethodSpec method) => Experiment.Summary(method);

    /// <summary>The training history of a method ("scratch-bn", "vgg-finetune", "fn2en-stage1", "fn2en") on fold k.</summary>
    public TrainingHistory History(MethodSpec method, int fold) => Run(method, fold).History
        ?? throw new InvalidOperationException($"{Run(method, fold).Folder}: the run has no training history.");

    /// <summary>The finished run of a method on fold k (trained now if missing).</summary>
    public Run Run(MethodSpec method, int fold) => Experiment.Ensure(method, fold);

    /// <summary>The face net before and after fine-tuning on fold k's training images (Sec. III-C).</summary>
    public (IFaceNet PreTrained, IFaceNet FineTuned) FaceNets(int fold)
    {
        Experiment.Ensure(Experiments.Methods.FineTune, fold);
        return (Experiment.LoadPretrained(), Experiment.LoadFineTuned(fold));
    }

    /// <summary>ExpNet trained with FN2EN (stage 2) on fold k.</summary>
    public ExpNet Fn2En(int fold)
    {
        Experiment.Ensure(Experiments.Methods.Fn2En, fold);
        return Experiment.LoadFn2En(fold);
    }

    /// <summary>ExpNet trained from scratch with batch norm on fold k.</summary>
    public ExpNet ScratchBn(int fold)
    {
        Experiment.Ensure(Experiments.Methods.ScratchBn, fold);
        return Experiment.LoadScratchBn(fold);
    }

    /// <summary>The folder of the FN2EN run on fold k (trained now if missing): what Fn2EnModel.Load and `fn2en predict --model` take.</summary>
    public string Fn2EnRunFolder(int fold) => Run(Experiments.Methods.Fn2En, fold).Folder;

    /// <summary>The dataset's classes, in label order.</summary>
    public List<string> Classes => [.. Experiment.Dataset.Classes];

    /// <summary>Fold k's test images in manifest order: the file in the prepared dataset and its true class.</summary>
    public IReadOnlyList<(string File, string Class)> TestImages(int fold)
    {
        var data = Experiment.Dataset;
        return data.Fold(fold).Test.Select(i => data.Rows[i]).Select(r => (Path.Combine(data.Root, r.Path), data.Classes[r.Label])).ToList();
    }

    /// <summary>Every image of the dataset at the profile's image size.</summary>
    public ImageSet Images => Experiment.AllImages;

    public void Dispose() => experiment?.Dispose();
}
