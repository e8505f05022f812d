namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The general settings, each declared once: name, doc line, the paper's default (Sec. IV-A; profiles and face nets
/// change them in <see cref="Profile"/> and <see cref="Networks.FaceNetSpec"/>), and the runs it decides. Each method's
/// schedule (<c>stage1.lr</c>, …) is declared by <see cref="ScheduleSettings"/>. <see cref="All"/> is what
/// <c>--show-config</c>, <c>--set</c> and docs/experiments.md's table list.
/// </summary>
public abstract partial class Setting
{
    private static bool Every(RunKind _) => true;
    private static bool PerFold(RunKind r) => r.Method.PerFold;
    private static bool TrainsExpNet(RunKind r) => r.Method.TrainsExpNet;
    private static bool Stage1Only(RunKind r) => r.Method == Methods.Stage1;
    private static bool Stage2Only(RunKind r) => r.Method == Methods.Fn2En;
    /// <summary>Stage 1 and stage 2 share one ExpNet: what shapes it decides both.</summary>
    private static bool Fn2EnExpNet(RunKind r) => r.Method == Methods.Stage1 || r.Method == Methods.Fn2En;
    /// <summary>A mixup setting's value: 0 (off) or Beta(α, α)'s finite α &gt; 0.</summary>
    private static string? OffOrAlpha(double v) => v >= 0 && !double.IsInfinity(v) ? null : "0 (off) or a finite alpha > 0";

    public static readonly Setting<int> ImageSize = Int("image_size",
        "side (px) the images are loaded at; training takes random crops of input_size from it, testing the centre crop (the paper: 256)",
        256, Every, Positive);

    public static readonly Setting<int> InputSize = Int("input_size", "network input side (px) = the crop (the paper: 224)", 224, Every,
        v => v >= 32 ? null : "at least 32 (five stride-2 poolings)");

    public static readonly Setting<double> Width = Real("width",
        "channel-width multiplier of ExpNet and the VGG-16 face nets (1 = the paper's 64-128-256-512-512); pretrained face nets keep theirs",
        1.0, r => r.Method.TrainsExpNet || (r.Method.UsesFaceNet && r.FaceNet.ScalesWithWidth), Positive);

    public static readonly Setting<int> Folds = new("folds", "how many folds to run, from fold 0 (all = every fold of the dataset)", 0, null,
        v => v.ToLowerInvariant() == "all" ? 0 : int.TryParse(v, out var k) ? k : throw new ArgumentException($"folds: '{v}' is not a whole number or all."),
        v => v == 0 ? "all" : F(v), v => v >= 0 ? null : "positive (or all)");

    public static readonly Setting<string> Split = Choice("split",
        "what a fold's runs are tested on: test (the fold's test subjects) or validation (a subject-disjoint 15 % of its training subjects, trained on the rest: for choosing settings without touching test folds)",
        "test", PerFold, "test", "validation");

    public static readonly Setting<int> BatchSize = Int("batch_size", "images per SGD step (the paper: 64)", 64, Every, Positive);
    public static readonly Setting<double> Momentum = Real("momentum", "SGD momentum (the paper: 0.9)", 0.9, Every, InRange(0, 1));
    public static readonly Setting<double> WeightDecay = Real("weight_decay", "L2 weight decay of every method", 5e-4, Every, InRange(0, 1));
    public static readonly Setting<int> Seed = Int("seed", "random seed (weights, shuffling, augmentation, dropout); each fold adds its index", 1, Every);

    public static readonly Setting<string> Precision = Choice("precision",
        "arithmetic of training and evaluation: fp32, bf16 (autocast, fp32 master weights), or auto (bf16 where this CPU computes it natively — AVX512-BF16 or AMX — else fp32, said in one line)",
        "fp32", Every, "fp32", "bf16", "auto");

    public static readonly Setting<bool> ChannelsLast = Switch("channels_last",
        "channels-last (NHWC) memory format for activations: on or off (same values either way)", false, Every);

    public static readonly Setting<double> RegressionP = Real("stage1.p", "p of eq. 4's ||g(I) - G(I)||_p^p (the paper: 2)", 2, Stage1Only,
        v => v >= 1 ? null : "at least 1");

    public static readonly Setting<bool> StandardizeTeacher = Bool("stage1.standardize_teacher",
        "stage 1 regresses the teacher map standardised over the training images, (G - mu) / s, from a zero bridge (true/false)", false, Stage1Only);

    public static readonly Setting<string> TeacherLayer = Word("stage1.teacher_layer",
        "the face-net layer stage 1 regresses: pool5 (the paper's choice, Sec. III-C; each face net's last conv map) or another of its taps",
        "pool5", Fn2EnExpNet);

    public static readonly Setting<int> TargetAugmentations = Int("stage1.target_augmentations",
        "stage 1 computes the frozen teacher's targets once for this many random crop + flip views per training image and draws from them (0 = the teacher on every step)",
        0, Stage1Only, NonNegative);

    public static readonly Setting<double> Mixup = Real("stage1.mixup",
        "stage 1 regresses the live teacher on mixup blends of two training images, lambda ~ Beta(alpha, alpha) per image: alpha here (0 = off, the paper's; needs stage1.target_augmentations=0)",
        0, Stage1Only, OffOrAlpha).LeftOutOfIdsAt(0);

    public static readonly Setting<double> Stage2Mixup = Real("stage2.mixup",
        "FN2EN's stage 2 trains on mixup blends of two training images with their labels' cross-entropies blended alike, lambda ~ Beta(alpha, alpha) per image: alpha here (0 = off, the paper's)",
        0, Stage2Only, OffOrAlpha).LeftOutOfIdsAt(0);

    public static readonly Setting<string> Unlabelled = Word("stage1.unlabelled",
        "a prepared dataset under the data root (labelled, or unlabelled faces from data-prep import unlabelled) whose images (all of them, labels ignored) join each fold's training images in stage 1 only: stage 1 regresses the teacher and needs no labels (none = the paper's: the fold's training images; it must share no subject with the dataset)",
        "none", Stage1Only).LeftOutOfIdsAt("none");

    public static readonly Setting<bool> UpsampleBeforeBridge = Bool("expnet.upsample_before_bridge",
        "FN2EN's ExpNet upsamples conv5 to the face net's map size before its 1x1 bridge, not after (true/false)", false, Fn2EnExpNet);

    public static readonly Setting<bool> ExpNetBatchNorm = Bool("expnet.batch_norm",
        "FN2EN's ExpNet has batch norm after every conv, as scratch-BN's (the paper's has none)", false, Fn2EnExpNet);

    /// <summary>The general settings in the order <c>--show-config</c> prints them.</summary>
    public static IReadOnlyList<Setting> General { get; } =
    [
        ImageSize, InputSize, Width, Folds, Split, BatchSize, Momentum, WeightDecay, Seed, Precision, ChannelsLast,
        RegressionP, StandardizeTeacher, TeacherLayer, TargetAugmentations, Mixup, Unlabelled, Stage2Mixup, UpsampleBeforeBridge, ExpNetBatchNorm,
    ];

    /// <summary>Every setting: the general ones, then each method's schedule.</summary>
    public static IReadOnlyList<Setting> All => all ??= [.. General, .. Methods.All.SelectMany(m => m.Schedule.All)];
    private static IReadOnlyList<Setting>? all;
}
