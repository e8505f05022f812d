using System.Text.Json.Nodes;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// Training and evaluation speed of ExpNet, the face nets and the stage-1 step, at the paper's 224 px and full width, in
/// the formats <paramref name="selection"/> measures on this CPU (a skipped format's figure is null).
/// </summary>
public sealed class NetworkBenches(StepBench steps, int batch, TextWriter log, List<string> notes, FormatSelection selection, string? modelsDir = null)
{
    public static readonly NetworkSize Size = new(224, 1);
    private const int Classes = 8;

    private Tensor Images() { manual_seed(2); return randn(batch, 3, Size.InputSize, Size.InputSize); }
    private Tensor Labels() => arange(batch, dtype: ScalarType.Int64) % Classes;

    /// <summary>ExpNet's (train img/s, eval ms/img) per format of <paramref name="formats"/>.</summary>
    public (JsonObject Train, JsonObject Eval) ExpNet((string Key, ComputeFormat Format)[] formats)
    {
        using var net = new ExpNet(new ExpNetOptions { Classes = Classes, Size = Size });
        return Classifier("expnet", net, net.parameters(), formats);
    }

    /// <summary>
    /// Training img/s of ExpNet and scratch-BN's ExpNet at the quick profile's size (64 px crops, width ⅛, its batch of
    /// 64) per format of <see cref="BenchFormats.All"/>: what the CPU profiles' default format is chosen from. These
    /// steps take 15–100 ms, where this machine's timing jitter is large: the fastest of <paramref name="reps"/> after 3 warm-up steps.
    /// </summary>
    public static JsonObject QuickProfile(int reps, TextWriter log, List<string> notes, FormatSelection selection)
    {
        var steps = new StepBench(3, reps);
        var values = Experiments.Profile.Quick.Values;
        var batch = values.Get(Experiments.Setting.BatchSize);
        var size = new NetworkSize(values.Get(Experiments.Setting.InputSize), values.Get(Experiments.Setting.Width));
        var quick = new NetworkBenches(steps, batch, log, notes, selection);
        manual_seed(2);
        using var images = randn(batch, 3, size.InputSize, size.InputSize);
        using var labels = quick.Labels();
        var result = new JsonObject();
        foreach (var (key, batchNorm) in new[] { ("expnet", false), ("scratch_bn_expnet", true) })
        {
            using var net = new ExpNet(new ExpNetOptions { Classes = Classes, Size = size, BatchNorm = batchNorm });
            var list = net.parameters().ToList();
            result[key] = selection.Figures(BenchFormats.All, (_, format) =>
                quick.Measure($"{key} training step at the quick size ({size.InputSize} px, width {size.Width}, batch {batch}), {format}",
                    () => steps.TrainImagesPerSecond(net, list, x => ClassificationLoss.Compute(net.forward(x), labels), images, format), "img/s"));
        }
        return result;
    }

    /// <summary>One face net (by <see cref="FaceNets"/> name): null when its weights are not installed (a note says so).</summary>
    public JsonObject? FaceNet(string name)
    {
        IFaceNet net;
        try { net = FaceNets.Create(name, Classes, Size, modelsDir); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            notes.Add($"{name}: not measured — {e.Message.Split('\n')[0]}");
            log.WriteLine($"[bench] {name}: not installed, skipped");
            return null;
        }
        using var module = net.Module;
        var (train, eval) = Classifier(name, module, module.parameters(), BenchFormats.Main);
        return new JsonObject { ["train_img_s"] = train, ["eval_ms_per_img"] = eval };
    }

    /// <summary>The stage-1 step (eq. 4): a frozen VGG-16 teacher's pool5 regressed by ExpNet's conv layers; img/s per format.</summary>
    public JsonObject Stage1()
    {
        using var teacher = new Vgg16(Classes, Size).Frozen();
        teacher.eval();
        using var net = new ExpNet(new ExpNetOptions { Classes = Classes, Size = Size, Target = teacher.Pool5Shape });
        var regression = new FeatureRegressionLoss(2);
        using var images = Images();
        return selection.Figures(BenchFormats.Main, (_, format) => Measure($"stage-1 step (VGG-16 teacher + ExpNet), {format}", () =>
        {
            format.PreparedFor(teacher);
            return steps.TrainImagesPerSecond(net, net.ConvParameters(), x =>
            {
                Tensor target;
                using (no_grad()) target = teacher.Pool5(x);
                return regression.Compute(net.Features(x), target);
            }, images, format);
        }, "img/s"));
    }

    private (JsonObject Train, JsonObject Eval) Classifier(string name, nn.Module<Tensor, Tensor> model, IEnumerable<Parameter> parameters,
        (string Key, ComputeFormat Format)[] formats)
    {
        using var images = Images();
        using var labels = Labels();
        var list = parameters.ToList();
        var (train, eval) = (new JsonObject(), new JsonObject());
        foreach (var (key, format) in formats)
        {
            if (!selection.Measures(format))
            {
                (train[key], eval[key]) = (null, null);
                continue;
            }
            train[key] = Measure($"{name} training step, batch {batch}, {format}",
                () => steps.TrainImagesPerSecond(model, list, x => ClassificationLoss.Compute(model.forward(x), labels), images, format), "img/s");
            eval[key] = Measure($"{name} evaluation, batch {batch}, {format}", () => steps.EvalMsPerImage(model, images, format), "ms/img");
        }
        return (train, eval);
    }

    /// <summary>Runs one measurement with a progress line (<see cref="BenchMeasurement"/>).</summary>
    private double? Measure(string what, Func<double> measure, string unit) => BenchMeasurement.Run(log, notes, what, measure, unit);
}
