using System.Text.Json.Nodes;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// The cpu profile's fold, step by step (the bench's <c>cpu_profile</c> section): every step a fold of that profile
/// runs, at the profile's own input size, width, batch and format — <see cref="Profile.Cpu"/> resolved for the face net,
/// <c>precision=auto</c> decided for this CPU (<see cref="CpuFeatures.Auto"/>), the networks and schedules of the runs'
/// own configs (<see cref="RunConfig.For"/>) — for faceapi-resnet (the profile's face net) and faceres (its ExpNet
/// upsamples to 1024×7×7; its 1×1 convolutions with 1024 outputs take NCHW input, <see cref="ChannelsLastSupport"/>).
/// Per face net, in img/s unless said:
/// <list type="bullet">
/// <item><c>scratch_bn_train_img_s</c>, <c>scratch_bn_eval_ms_per_img</c>: scratch-BN's ExpNet (batch norm, VGG-16's pool5 shape) training step, evaluation;</item>
/// <item><c>finetune_train_img_s</c>: the face net's fine-tuning step (every layer);</item>
/// <item><c>face_net_eval_img_s</c>: the face net's forward to its stage-1 layer at the crop size (eval mode): the teacher's targets, and the fine-tune's test evaluation;</item>
/// <item><c>stage1_train_img_s</c>: the stage-1 step from cached targets — ExpNet.Features + FeatureRegressionLoss against a fixed target of the teacher's shape, conv parameters only, as Stages.Stage1 with TeacherTargets;</item>
/// <item><c>stage2_train_img_s</c>: the stage-2 step — ExpNet with its head, cross-entropy, all parameters;</item>
/// <item><c>expnet_eval_ms_per_img</c>: FN2EN's ExpNet evaluation (stage 1's held-out FVU, stage 2's test evaluation).</item>
/// </list>
/// Training steps are timed as the trainer runs them (loss read back, gradient norm, SGD momentum + weight decay).
/// <see cref="AddFoldEstimates"/> then adds each face net's predicted fold time (<see cref="FoldTimeEstimate"/>).
/// </summary>
public sealed class CpuProfileBench(StepBench steps, FormatSelection selection, TextWriter log, List<string> notes, string? modelsDir = null)
{
    /// <summary>The face nets measured: the profile's own, then faceres.</summary>
    public static readonly string[] FaceNetNames = [FaceNets.FaceApiResNetName, FaceNets.FaceResName];
    private const int Classes = 8;

    /// <summary>The cpu profile's effective settings with <paramref name="faceNet"/>, <c>precision=auto</c> decided for this CPU.</summary>
    public static SettingValues Settings(string faceNet)
    {
        var values = Profile.Cpu.Resolve(faceNet);
        return values.Get(Setting.Precision) == "auto" ? values.With(Setting.Precision, CpuFeatures.Auto().Precision) : values;
    }

    /// <summary>The config a cpu-profile run of <paramref name="method"/> with <paramref name="faceNet"/> gets (its data a placeholder).</summary>
    public static RunConfig Config(MethodSpec method, string faceNet) =>
        RunConfig.For(method, FaceNets.Spec(faceNet), Settings(faceNet), Profile.Cpu.Name, new DataRef("bench", "none"), null);

    /// <summary>The section: the profile's size and format, then each face net's figures (null when its models are not installed).</summary>
    public JsonObject Measure()
    {
        var values = Profile.Cpu.Resolve(FaceNets.FaceApiResNetName);
        var (precision, why) = CpuFeatures.Auto();
        var result = new JsonObject
        {
            ["profile"] = Profile.Cpu.Name, ["image_size"] = values.Get(Setting.ImageSize), ["input_size"] = values.Get(Setting.InputSize),
            ["width"] = values.Get(Setting.Width), ["batch_size"] = values.Get(Setting.BatchSize),
            ["target_augmentations"] = values.Get(Setting.TargetAugmentations), ["mixup"] = values.Get(Setting.Mixup), ["channels_last"] = values.Get(Setting.ChannelsLast),
            ["precision"] = values.Get(Setting.Precision) == "auto" ? precision : values.Get(Setting.Precision),
            ["precision_auto"] = why,
        };
        var nets = new JsonObject();
        foreach (var name in FaceNetNames) nets[name] = FaceNet(name);
        result["face_nets"] = nets;
        return result;
    }

    private JsonObject? FaceNet(string name)
    {
        var fineTune = Config(Methods.FineTune, name);
        var values = Settings(name);
        var (format, batch, weightDecay, layer) = (fineTune.Compute, values.Get(Setting.BatchSize), values.Get(Setting.WeightDecay), values.Get(Setting.TeacherLayer));
        var crop = fineTune.Network.InputSize;
        var keys = new[] { "scratch_bn_train_img_s", "scratch_bn_eval_ms_per_img", "finetune_train_img_s", "face_net_eval_img_s", "stage1_train_img_s", "stage2_train_img_s", "expnet_eval_ms_per_img" };
        var figures = new JsonObject { ["format"] = format.ToString() };
        foreach (var k in keys) figures[k] = null;
        if (!selection.Measures(format)) return figures;   // bf16 without native bf16: FormatSelection.Note says why

        IFaceNet net;
        try { net = FaceNets.Create(name, Classes, fineTune.Network, modelsDir); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            notes.Add($"cpu profile: {name} not measured, its fold not predicted — {e.Message.Split('\n')[0]}");
            log.WriteLine($"[bench] cpu profile: {name} not installed, skipped");
            return null;
        }
        manual_seed(2);
        using var images = randn(batch, 3, crop, crop);
        using var labels = arange(batch, dtype: ScalarType.Int64) % Classes;
        var at = $"{crop} px, batch {batch}, {format}";
        FeatureShape teacherShape;
        using (var module = net.Module)
        {
            teacherShape = TeacherLayer.Shape(net, layer, crop);
            figures["face_net_eval_img_s"] = Measure($"cpu profile: {name} forward to {layer} (teacher targets, test evaluation), {at}",
                () => 1000 / steps.EvalMsPerImage(module, x => TeacherLayer.Of(net, x, layer), images, format), "img/s");
            figures["finetune_train_img_s"] = Measure($"cpu profile: {name} fine-tuning step, {at}",
                () => steps.TrainImagesPerSecond(module, module.parameters(), x => ClassificationLoss.Compute(module.forward(x), labels), images, format,
                    asTrainer: true, weightDecay), "img/s");
        }

        using (var scratch = new ExpNet(Config(Methods.ScratchBn, name).ExpNetOptions(Classes)))
        {
            figures["scratch_bn_train_img_s"] = Measure($"cpu profile: scratch-BN ExpNet training step, {at}",
                () => steps.TrainImagesPerSecond(scratch, scratch.parameters(), x => ClassificationLoss.Compute(scratch.forward(x), labels), images, format,
                    asTrainer: true, weightDecay), "img/s");
            figures["scratch_bn_eval_ms_per_img"] = Measure($"cpu profile: scratch-BN ExpNet evaluation, {at}",
                () => steps.EvalMsPerImage(scratch, images, format), "ms/img");
        }

        using var expNet = new ExpNet(Config(Methods.Stage1, name).ExpNetOptions(Classes, teacherShape));
        var regression = new FeatureRegressionLoss(values.Get(Setting.RegressionP));
        manual_seed(3);
        using var target = randn(batch, teacherShape.Channels, teacherShape.Height, teacherShape.Width);
        figures["stage1_train_img_s"] = Measure($"cpu profile: stage-1 step from cached {teacherShape} targets ({name}), {at}",
            () => steps.TrainImagesPerSecond(expNet, expNet.ConvParameters(), x => regression.Compute(expNet.Features(x), target), images, format,
                asTrainer: true, weightDecay), "img/s");
        figures["stage2_train_img_s"] = Measure($"cpu profile: stage-2 step ({name}'s ExpNet), {at}",
            () => steps.TrainImagesPerSecond(expNet, expNet.parameters(), x => ClassificationLoss.Compute(expNet.forward(x), labels), images, format,
                asTrainer: true, weightDecay), "img/s");
        figures["expnet_eval_ms_per_img"] = Measure($"cpu profile: ExpNet evaluation ({name}'s), {at}", () => steps.EvalMsPerImage(expNet, images, format), "ms/img");
        return figures;
    }

    private double? Measure(string what, Func<double> measure, string unit) => BenchMeasurement.Run(log, notes, what, measure, unit);

    /// <summary>
    /// Adds <c>predicted_fold</c> to each measured face net of <paramref name="section"/> (from <see cref="Measure()"/>, or
    /// a saved bench's): <c>{ck_plus: …, 200_images: …}</c> (<see cref="FoldTimeEstimate.ToJson"/>), or null when a figure
    /// it needs is missing. <paramref name="dataPipeline"/>: the bench's <c>data_pipeline</c> (decoding, batch making), if measured.
    /// </summary>
    public static void AddFoldEstimates(JsonObject section, JsonNode? dataPipeline)
    {
        foreach (var (name, node) in (JsonObject)section["face_nets"]!)
        {
            if (node is not JsonObject figures) continue;
            var estimates = Estimates(name, figures, dataPipeline);
            figures["predicted_fold"] = estimates is null ? null : new JsonObject(estimates.Select(e => KeyValuePair.Create(e.Size.Key, (JsonNode?)e.ToJson())));
        }
    }

    /// <summary>The predicted folds (<see cref="FoldSize.CkPlus"/>, <see cref="FoldSize.Small"/>) of face net <paramref name="name"/> from its figures; null when one is missing.</summary>
    public static IReadOnlyList<FoldTimeEstimate>? Estimates(string name, JsonObject figures, JsonNode? dataPipeline)
    {
        double? F(string key) => figures[key]?.GetValue<double>();
        if (F("scratch_bn_train_img_s") is not { } scratchTrain || F("scratch_bn_eval_ms_per_img") is not { } scratchEval ||
            F("finetune_train_img_s") is not { } fineTune || F("face_net_eval_img_s") is not { } faceNetEval ||
            F("stage1_train_img_s") is not { } stage1 || F("stage2_train_img_s") is not { } stage2 || F("expnet_eval_ms_per_img") is not { } expNetEval)
            return null;
        var rates = new FoldRates
        {
            ScratchBnTrain = scratchTrain, ScratchBnEval = 1000 / scratchEval, FineTuneTrain = fineTune, FaceNetEval = faceNetEval,
            Stage1Train = stage1, Stage2Train = stage2, ExpNetEval = 1000 / expNetEval,
            Decode = dataPipeline?["decode_img_s"]?.GetValue<double>(), Batches = dataPipeline?["crop_flip_img_s"]?.GetValue<double>(),
        };
        var schedules = FoldSchedules.Of(Settings(name));
        return [FoldTimeEstimate.Predict(FoldSize.CkPlus, schedules, rates), FoldTimeEstimate.Predict(FoldSize.Small, schedules, rates)];
    }
}
