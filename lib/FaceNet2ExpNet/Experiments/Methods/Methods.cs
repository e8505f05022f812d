using FaceNet2ExpNet.Experiments.Recipes;
using static FaceNet2ExpNet.Experiments.Schedule;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The registry of methods: every run kind of an experiment, each defined once (<see cref="MethodSpec"/>). The run
/// plan, the settings' names, the results tables and the notebooks take what they need from here.
/// </summary>
public static class Methods
{
    /// <summary>Face-net pre-training on the face corpus (identity classification): one run for all folds; none for a pretrained face net.</summary>
    public static MethodSpec Pretrain { get; } = new("facenet-pretrain", "pretrain", "face-net pre-training",
        "a randomly initialised face net (vgg16, vgg16-bn) learns identities on the face corpus", Sgd(0.01, 30, 10), new PretrainRecipe(),
        () => [], perFold: false);

    /// <summary>"VGG Fine-Tune (baseline)": the face net, a new last layer, every layer trained on the fold's expressions.</summary>
    public static MethodSpec FineTune { get; } = new("vgg-finetune", "finetune", "VGG Fine-Tune (baseline)",
        "the face net with a new last layer, every layer trained on the fold's expressions", Sgd(1e-4, 30, 10), new FineTuneRecipe(),
        () => [Pretrain], compared: true);

    /// <summary>"Train From Scratch (BN)": ExpNet with batch norm, cross-entropy only; uses no face net.</summary>
    public static MethodSpec ScratchBn { get; } = new("scratch-bn", "scratch", "Train From Scratch (BN)",
        "ExpNet with batch norm, randomly initialised, cross-entropy only", Sgd(0.01, 50, 20), new ScratchBnRecipe(),
        () => [], usesFaceNet: false, trainsExpNet: true, compared: true);

    /// <summary>FN2EN stage 1 (eq. 4): ExpNet's conv layers regress the frozen fine-tuned face net's pool5; no labels.</summary>
    public static MethodSpec Stage1 { get; } = new("fn2en-stage1", "stage1", "FN2EN stage 1",
        "ExpNet's conv layers regress the frozen fine-tuned face net's pool5 (eq. 4)", Sgd(1e-7, 300, 100), new Stage1Recipe(),
        () => [FineTune], trainsExpNet: true);

    /// <summary>FN2EN stage 2 (eq. 5): stage 1's conv layers and a fresh FC head trained with labels — the tables' "FN2EN".</summary>
    public static MethodSpec Fn2En { get; } = new("fn2en", "stage2", "FN2EN",
        "stage 1's conv layers, a fresh Gaussian FC head, everything trained with labels (eq. 5)", Sgd(1e-4, 50, 20), new Fn2EnRecipe(),
        () => [Stage1], trainsExpNet: true, compared: true);

    /// <summary>Every method, parents before children.</summary>
    public static IReadOnlyList<MethodSpec> All { get; } = [Pretrain, FineTune, ScratchBn, Stage1, Fn2En];

    /// <summary>The methods of the results tables, in the paper's order.</summary>
    public static IReadOnlyList<MethodSpec> Compared { get; } = [ScratchBn, FineTune, Fn2En];

    /// <summary>The method whose key is <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">No method has that key (the message lists them).</exception>
    public static MethodSpec Named(string key) => All.FirstOrDefault(m => m.Key == key.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"Unknown method '{key}'; use {string.Join(", ", All.Select(m => m.Key))}.");

    /// <summary>Comma-separated results methods ("scratch-bn,fn2en").</summary>
    /// <exception cref="ArgumentException">An unknown one, or one that is not a row of the results tables; or none.</exception>
    public static IReadOnlyList<MethodSpec> ParseCompared(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException($"--methods is empty; give one or more of {string.Join(", ", Compared.Select(m => m.Key))}.");
        return names.Select(n => Compared.FirstOrDefault(m => m.Key == n.ToLowerInvariant())
            ?? throw new ArgumentException($"Unknown method '{n}'; use {string.Join(", ", Compared.Select(m => m.Key))}.")).Distinct().ToList();
    }
}
