using System.Globalization;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>One named setting: how to read it from and write it into <see cref="TrainingSettings"/>.</summary>
public sealed record Setting(string Name, string Description, Func<TrainingSettings, string> Get, Func<TrainingSettings, string, TrainingSettings> Set);

/// <summary>
/// The names every hyper-parameter has for <c>fn2en run --set name=value</c> and notebooks'
/// <c>settings.Set(name, value)</c>: sizes (<c>image_size</c>, <c>input_size</c>, <c>width</c>), the optimiser
/// (<c>batch_size</c>, <c>momentum</c>, <c>weight_decay</c>), <c>seed</c>, <c>folds</c>, <c>stage1.p</c>, <c>stage1.standardize_teacher</c>, the arithmetic
/// (<c>precision</c>: fp32 | bf16, <c>channels_last</c>: on | off), and per method
/// (<c>pretrain</c>, <c>finetune</c>, <c>scratch</c>, <c>stage1</c>, <c>stage2</c>) <c>.lr</c>, <c>.epochs</c>,
/// <c>.step_every</c>, <c>.gamma</c>, <c>.warmup_epochs</c>, <c>.new_layer_lr_mult</c>, <c>.clip_grad_norm</c>.
/// </summary>
public static class SettingNames
{
    public static IReadOnlyList<Setting> All { get; } = Build();

    /// <summary>The setting called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists every valid one.</exception>
    public static Setting Find(string name) => All.FirstOrDefault(s => s.Name == name.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"Unknown setting '{name}'. Valid names: {string.Join(", ", All.Select(s => s.Name))}.");

    /// <summary>Splits "name=value".</summary>
    /// <exception cref="ArgumentException">No '=' or an empty name.</exception>
    public static KeyValuePair<string, string> Parse(string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--set '{assignment}': expected name=value, e.g. stage1.lr=3e-4.");
        var name = assignment[..eq].Trim().ToLowerInvariant();
        Find(name);
        return new(name, assignment[(eq + 1)..].Trim());
    }

    private static List<Setting> Build()
    {
        var list = new List<Setting>
        {
            Int("image_size", "side the images are loaded at (px)", s => s.ImageSize, (s, v) => s with { ImageSize = Positive("image_size", v) }),
            Int("input_size", "network input = training crop side (px)", s => s.Network.InputSize,
                (s, v) => s with { Network = s.Network with { InputSize = Positive("input_size", v) } }),
            Real("width", "channel-width multiplier of ExpNet and VGG-16 (1 = the paper's)", s => s.Network.Width,
                (s, v) => s with { Network = s.Network with { Width = Positive("width", v) } }),
            new("folds", "how many folds to run (all = every fold of the dataset)", s => s.Folds?.ToString(CultureInfo.InvariantCulture) ?? "all",
                (s, v) => s with { Folds = v.Trim().ToLowerInvariant() == "all" ? null : Positive("folds", ParseInt("folds", v)) }),
            Int("batch_size", "images per SGD step", s => s.BatchSize, (s, v) => s with { BatchSize = Positive("batch_size", v) }),
            Real("momentum", "SGD momentum", s => s.Momentum, (s, v) => s with { Momentum = InRange("momentum", v, 0, 1) }),
            Real("weight_decay", "L2 weight decay of every method", s => s.WeightDecay, (s, v) => s with { WeightDecay = InRange("weight_decay", v, 0, 1) }),
            Int("seed", "random seed (weights, shuffling, augmentation)", s => s.Seed, (s, v) => s with { Seed = v }),
            new("stage1.standardize_teacher", "FN2EN stage 1: regress the teacher map standardised over the training images, from a zero bridge (true/false)",
                s => s.StandardizeTeacher ? "true" : "false", (s, v) => s with { StandardizeTeacher = ParseBool("stage1.standardize_teacher", v) }),
            new("expnet.upsample_before_bridge", "FN2EN's ExpNet upsamples conv5 to the face net's map size before its 1x1 bridge, not after (true/false)",
                s => s.UpsampleBeforeBridge ? "true" : "false", (s, v) => s with { UpsampleBeforeBridge = ParseBool("expnet.upsample_before_bridge", v) }),
            Real("stage1.p", "p of eq. 4's ||g(I) - G(I)||_p^p", s => s.RegressionP, (s, v) => s with { RegressionP = v >= 1 ? v : throw Bad("stage1.p", v, "at least 1") }),
            new("precision", "arithmetic of training and evaluation: fp32, or bf16 (autocast, fp32 master weights)",
                s => ComputeFormat.PrecisionName(s.Compute.Precision), (s, v) => s with { Compute = s.Compute with { Precision = ComputeFormat.ParsePrecision(v) } }),
            new("channels_last", "channels-last (NHWC) memory format for activations: on or off",
                s => s.Compute.ChannelsLast ? "on" : "off", (s, v) => s with { Compute = s.Compute with { ChannelsLast = ParseSwitch("channels_last", v) } }),
        };
        list.AddRange(Recipe("pretrain", "face-net pre-training on the face corpus", s => s.Pretrain, (s, r) => s with { Pretrain = r }));
        list.AddRange(Recipe("finetune", "the fine-tune baseline", s => s.FineTune, (s, r) => s with { FineTune = r }));
        list.AddRange(Recipe("scratch", "Train From Scratch (BN)", s => s.Scratch, (s, r) => s with { Scratch = r }));
        list.AddRange(Recipe("stage1", "FN2EN stage 1 (eq. 4)", s => s.Stage1, (s, r) => s with { Stage1 = r }));
        list.AddRange(Recipe("stage2", "FN2EN stage 2 (eq. 5)", s => s.Stage2, (s, r) => s with { Stage2 = r }));
        return list;
    }

    private static IEnumerable<Setting> Recipe(string method, string what, Func<TrainingSettings, TrainingRecipe?> get,
        Func<TrainingSettings, TrainingRecipe, TrainingSettings> set)
    {
        Setting Field(string field, string description, Func<TrainingRecipe, string> read, Func<TrainingRecipe, string, TrainingRecipe> write) =>
            new($"{method}.{field}", $"{what}: {description}", s => get(s) is { } r ? read(r) : "— (pretrained face net)", (s, v) =>
                get(s) is { } r ? set(s, write(r, v))
                    : throw new ArgumentException($"{method}.{field}: face net '{s.FaceNet}' is pretrained, so there is no {what} to set."));
        var name = (string field) => $"{method}.{field}";
        yield return Field("lr", "base learning rate", r => F(r.Lr), (r, v) => r with { Lr = Positive(name("lr"), ParseReal(name("lr"), v)) });
        yield return Field("epochs", "epochs", r => F(r.Epochs), (r, v) => r with { Epochs = Positive(name("epochs"), ParseInt(name("epochs"), v)) });
        yield return Field("step_every", "multiply the rate by gamma every this many epochs (0 = never)", r => F(r.StepEvery),
            (r, v) => r with { StepEvery = NonNegative(name("step_every"), ParseInt(name("step_every"), v)) });
        yield return Field("gamma", "step factor", r => F(r.Gamma), (r, v) => r with { Gamma = InRange(name("gamma"), ParseReal(name("gamma"), v), 0, 1) });
        yield return Field("warmup_epochs", "linear warm-up epochs (0 = none)", r => F(r.WarmupEpochs),
            (r, v) => r with { WarmupEpochs = NonNegative(name("warmup_epochs"), ParseInt(name("warmup_epochs"), v)) });
        yield return Field("new_layer_lr_mult", "rate multiplier of the layers new in this stage", r => F(r.NewLayerLrMult),
            (r, v) => r with { NewLayerLrMult = Positive(name("new_layer_lr_mult"), ParseReal(name("new_layer_lr_mult"), v)) });
        yield return Field("clip_grad_norm", "clip the gradient norm to this (none = no clipping)", r => r.ClipGradNorm is { } c ? F(c) : "none",
            (r, v) => r with { ClipGradNorm = v.Trim().ToLowerInvariant() is "none" or "off" or "null" ? null : Positive(name("clip_grad_norm"), ParseReal(name("clip_grad_norm"), v)) });
    }

    private static Setting Int(string name, string description, Func<TrainingSettings, int> get, Func<TrainingSettings, int, TrainingSettings> set) =>
        new(name, description, s => F(get(s)), (s, v) => set(s, ParseInt(name, v)));

    private static Setting Real(string name, string description, Func<TrainingSettings, double> get, Func<TrainingSettings, double, TrainingSettings> set) =>
        new(name, description, s => F(get(s)), (s, v) => set(s, ParseReal(name, v)));

    private static bool ParseSwitch(string name, string v) => v.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "1" or "yes" => true,
        "off" or "false" or "0" or "no" => false,
        _ => throw new ArgumentException($"{name}: '{v}' is not on or off."),
    };

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    private static string F(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static int ParseInt(string name, string v) => int.TryParse(v.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
        : throw new ArgumentException($"{name}: '{v}' is not a whole number.");

    private static bool ParseBool(string name, string v) => v.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new ArgumentException($"{name}: '{v}' is not true or false."),
    };

    private static double ParseReal(string name, string v) =>
        double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
            : throw new ArgumentException($"{name}: '{v}' is not a number.");

    private static T Positive<T>(string name, T v) where T : System.Numerics.INumber<T> => v > T.Zero ? v : throw Bad(name, v, "positive");
    private static int NonNegative(string name, int v) => v >= 0 ? v : throw Bad(name, v, "0 or more");
    private static double InRange(string name, double v, double lo, double hi) => v >= lo && v <= hi ? v : throw Bad(name, v, $"between {lo} and {hi}");
    private static ArgumentException Bad<T>(string name, T v, string expected) => new($"{name}: {v} must be {expected}.");
}
