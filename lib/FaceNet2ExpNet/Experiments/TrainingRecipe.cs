using System.Text.Json.Serialization;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// How one method trains: SGD's learning rate and its step schedule, a linear warm-up, the rate multiplier of the layers
/// that are new in this stage (Caffe's lr_mult: the fine-tuned face net's classifier, stage 2's FC head) and optional
/// gradient-norm clipping. Every field is a setting (<c>stage1.lr</c>, <c>finetune.new_layer_lr_mult</c>, …; see
/// <see cref="SettingNames"/>) and part of the run's config, so changing one makes a new run.
/// </summary>
public sealed record TrainingRecipe
{
    public required double Lr { get; init; }
    public required int Epochs { get; init; }
    /// <summary>Multiply the rate by <see cref="Gamma"/> every this many epochs (0 = never).</summary>
    public int StepEvery { get; init; }
    public double Gamma { get; init; } = 0.1;
    /// <summary>Epochs over which the rate ramps up linearly, step by step, from near 0 (0 = none).</summary>
    public int WarmupEpochs { get; init; }
    /// <summary>Rate multiplier of the layers new in this stage (1 = same rate as the rest).</summary>
    public double NewLayerLrMult { get; init; } = 1;
    /// <summary>Clip the global gradient norm to this (null = no clipping).</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>The learning-rate schedule the trainer follows.</summary>
    [JsonIgnore] public StepSchedule Schedule => new(Lr, Epochs, StepEvery, Gamma, WarmupEpochs);

    /// <summary>Shorthand for profile tables: rate, epochs and the epoch interval of ×0.1 steps.</summary>
    public static TrainingRecipe Sgd(double lr, int epochs, int stepEvery = 0) => new() { Lr = lr, Epochs = epochs, StepEvery = stepEvery };
}

/// <summary>
/// The recipes a profile uses with one face net: its pre-training on the face corpus (null for a pretrained net), the
/// fine-tune baseline, and FN2EN's two stages (whose best rates depend on the teacher's feature scale).
/// </summary>
public sealed record FaceNetRecipes(TrainingRecipe? Pretrain, TrainingRecipe FineTune, TrainingRecipe Stage1, TrainingRecipe Stage2)
{
    /// <summary>
    /// Stage 1 regresses the teacher's map standardised over the fold's training images (<see cref="Losses.TeacherStandardization"/>)
    /// from a zero bridge, instead of the raw map: needed for real pretrained face nets, whose map is mostly the same for
    /// every face (setting <c>stage1.standardize_teacher</c>).
    /// </summary>
    public bool StandardizeTeacher { get; init; }

    /// <summary>
    /// FN2EN's ExpNet upsamples conv5 before the bridge (<see cref="Networks.ExpNetOptions.UpsampleBeforeBridge"/>):
    /// for face nets with a wide last map (faceres' 1024 channels), setting <c>expnet.upsample_before_bridge</c>.
    /// </summary>
    public bool UpsampleBeforeBridge { get; init; }
}
