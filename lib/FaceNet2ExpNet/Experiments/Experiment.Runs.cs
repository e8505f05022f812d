using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Experiments;

public sealed partial class Experiment
{
    private Run? pretrained;
    private readonly HashSet<string> announced = [];

    /// <summary>
    /// The face net pre-trained on the face-recognition corpus (identity classification) — for a randomly initialised
    /// face net (vgg16, vgg16-bn). Pretrained face nets (faceapi-resnet, vggface) have no such run: null.
    /// </summary>
    public Run? PretrainRun()
    {
        if (FaceNets.IsPretrained(FaceNet)) return null;
        if (pretrained is { IsFinished: true }) return pretrained;
        var faces = Faces;
        var config = Config("facenet-pretrain", Profile.FacePretrain, Ref(faces));
        return pretrained = Ensure(config, "all", "facenet-pretrain", run =>
        {
            var split = faces.Fold(0);
            using var train = faces.Load(Profile.ImageSize, split.Train, Progress);
            using var test = faces.Load(Profile.ImageSize, split.Test, Progress);
            manual_seed(config.Seed);
            var net = FaceNets.Create(FaceNet, faces.Classes.Count, Profile.Network);
            using var module = net.Module.to(Device);
            var trainer = new Trainer(Options(run, config, config.Seed), log);
            var history = Stages.PretrainFaceNet(net, train, trainer, _ => new() { ["identity_acc"] = Accuracy(module, test) });
            // The last epoch's evaluation is of the final weights: no second pass over the test images.
            var accuracy = history.Epochs[^1].Metrics["identity_acc"];
            return (new FoldMetrics { Accuracy = accuracy, TestImages = test.Count, FinalTrainingLoss = history.Losses[^1] }, history);
        });
    }

    /// <summary>
    /// The face net before fine-tuning, its last layer sized for this dataset's classes (random; the layer-selection
    /// analysis only reads the taps below it): the pre-trained run's weights, or the pretrained model's.
    /// </summary>
    public IFaceNet LoadPretrained()
    {
        var run = PretrainRun();
        if (run is null) return Moved(FaceNets.Create(FaceNet, Dataset.Classes.Count, Profile.Network));
        var identities = FaceNets.Create(FaceNet, Faces.Classes.Count, Profile.Network);
        Checkpoint.LoadWeights(run.CheckpointDir, identities.Module);
        using (identities.Module) return Moved(identities.ForClasses(Dataset.Classes.Count));
    }

    /// <summary>"VGG Fine-Tune (baseline)" on fold k: every layer of the pre-trained face net, a new last layer for the expressions.</summary>
    public Run FineTuneRun(int k)
    {
        var parent = PretrainRun();
        var config = parent is null
            ? Config("vgg-finetune", Profile.FineTune, DatasetRef)
            : Config("vgg-finetune", Profile.FineTune, DatasetRef, ("facenet-pretrain", parent.Id));
        IFaceNet? faceNet = null;
        return Ensure(config, FoldName(k), Label("vgg-finetune", k), run => Classify(run, config, k, () =>
        {
            manual_seed(config.Seed + k);
            faceNet = LoadPretrained();
            return faceNet.Module;
        }, (_, train, trainer, evaluate) => Stages.FineTune(faceNet!, train, trainer, Label("vgg-finetune", k), evaluate)));
    }

    /// <summary>The fine-tuned face net of fold k (the teacher of stage 1).</summary>
    public IFaceNet LoadFineTuned(int k)
    {
        var run = FineTuneRun(k);
        var net = FaceNets.Create(FaceNet, Dataset.Classes.Count, Profile.Network);
        Checkpoint.LoadWeights(run.CheckpointDir, net.Module);
        return Moved(net);
    }

    private IFaceNet Moved(IFaceNet net)
    {
        net.Module.to(Device);
        return net;
    }

    /// <summary>Shape of the face net's pool5 (what stage 1 regresses and ExpNet's bridge produces).</summary>
    public FeatureShape TeacherShape => teacherShape ??= FaceNetShape();

    private FeatureShape? teacherShape;

    private FeatureShape FaceNetShape()
    {
        if (!FaceNets.IsPretrained(FaceNet)) return Vgg16.Pool5ShapeFor(Profile.Network);
        var net = FaceNets.Create(FaceNet, Dataset.Classes.Count, Profile.Network);
        using (net.Module) return net.Pool5Shape;
    }

    /// <summary>"Train From Scratch (BN)" on fold k.</summary>
    public Run ScratchBnRun(int k)
    {
        var config = Config("scratch-bn", Profile.ScratchBn, DatasetRef);
        return Ensure(config, FoldName(k), Label("scratch-bn", k), run => Classify(run, config, k, () =>
        {
            manual_seed(config.Seed + k);
            return new ExpNet(ExpNetOptions(batchNorm: true));
        }, (net, train, trainer, evaluate) => Stages.ScratchBn(net, train, trainer, Label("scratch-bn", k), evaluate)));
    }

    /// <summary>FN2EN stage 1 on fold k: ExpNet's conv layers regress the frozen fine-tuned face net's pool5 (eq. 4).</summary>
    public Run Stage1Run(int k)
    {
        var teacherRun = FineTuneRun(k);
        var config = Config("fn2en-stage1", Profile.Stage1, DatasetRef, ("vgg-finetune", teacherRun.Id)) with { RegressionP = Profile.RegressionP, ClipGradNorm = Profile.Stage1ClipGradNorm };
        return Ensure(config, FoldName(k), Label("fn2en-stage1", k), run =>
        {
            var (train, test) = FoldData(k);
            using (train) using (test)
            {
                var teacher = LoadFineTuned(k);
                using var teacherModule = teacher.Module;
                manual_seed(config.Seed + k);
                using var net = new ExpNet(ExpNetOptions());
                net.to(Device);
                var trainer = new Trainer(Options(run, config, config.Seed + k), log);
                var history = Stages.Stage1(net, teacher, train, trainer, Label("fn2en-stage1", k), Profile.RegressionP);
                return (new FoldMetrics { TestImages = test.Count, FinalTrainingLoss = history.Losses[^1] }, history);
            }
        });
    }

    /// <summary>FN2EN (stage 2) on fold k: the stage-1 conv layers, a fresh Gaussian FC head, everything trained with labels.</summary>
    public Run Fn2EnRun(int k)
    {
        var stage1 = Stage1Run(k);
        var config = Config("fn2en", Profile.Stage2, DatasetRef, ("fn2en-stage1", stage1.Id));
        return Ensure(config, FoldName(k), Label("fn2en", k), run => Classify(run, config, k, () =>
        {
            var net = new ExpNet(ExpNetOptions());
            Checkpoint.LoadWeights(stage1.CheckpointDir, net);
            manual_seed(config.Seed + k);
            net.ResetHead();   // Sec. IV-A: the FC layer is randomly initialised from a Gaussian in stage 2
            return net;
        }, (net, train, trainer, evaluate) => Stages.Stage2(net, train, trainer, Label("fn2en", k), evaluate)));
    }

    /// <summary>The ExpNet trained with FN2EN (stage 2) on fold k.</summary>
    public ExpNet LoadFn2En(int k) => LoadExpNet(Fn2EnRun(k), batchNorm: false);

    /// <summary>The ExpNet trained from scratch with batch norm on fold k.</summary>
    public ExpNet LoadScratchBn(int k) => LoadExpNet(ScratchBnRun(k), batchNorm: true);

    private ExpNet LoadExpNet(Run run, bool batchNorm)
    {
        var net = new ExpNet(ExpNetOptions(batchNorm));
        Checkpoint.LoadWeights(run.CheckpointDir, net);
        return net.to(Device);
    }

    /// <summary>ExpNet at this profile's size for this dataset, its bridge sized to the VGG-16 face net's pool5.</summary>
    public ExpNetOptions ExpNetOptions(bool batchNorm = false) => new()
    {
        Classes = Dataset.Classes.Count, Size = Profile.Network, BatchNorm = batchNorm, Target = TeacherShape,
    };

    /// <summary>Trains a classifier on fold k's training images and tests it on the fold's test images.</summary>
    private (FoldMetrics, TrainingHistory) Classify<TNet>(Run run, RunConfig config, int k, Func<TNet> create,
        Func<TNet, ImageSet, Trainer, Func<int, Dictionary<string, double>>, TrainingHistory> train)
        where TNet : nn.Module<Tensor, Tensor>
    {
        var (trainSet, test) = FoldData(k);
        using (trainSet) using (test)
        {
            using var net = create();
            net.to(Device);
            var trainer = new Trainer(Options(run, config, config.Seed + k), log);
            var labels = test.Labels.data<long>().ToArray();
            int[]? predicted = null;   // of the latest epoch: the final weights' predictions once training ends
            var history = train(net, trainSet, trainer, _ =>
            {
                predicted = Predict(net, test);
                return new() { ["test_acc"] = predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length };
            });
            predicted ??= Predict(net, test);   // no epoch left to run (resumed after the last checkpoint)
            var metrics = FoldMetrics.From(predicted, labels, Dataset.Classes, history.Losses[^1], history.Epochs.Sum(e => e.Seconds));
            return (metrics, history);
        }
    }

    private double Accuracy(nn.Module<Tensor, Tensor> net, ImageSet test) =>
        Evaluation.Accuracy(net, test, Profile.Network.InputSize, Normalization.Standard, Profile.BatchSize, Device);

    private int[] Predict(nn.Module<Tensor, Tensor> net, ImageSet test) =>
        Evaluation.Predict(net, test, Profile.Network.InputSize, Normalization.Standard, Profile.BatchSize, Device);

    /// <summary>A run's folder relative to the working directory, so logs (and executed notebooks) do not depend on the clone's path.</summary>
    private static string Shown(Run run) => Path.GetRelativePath(Environment.CurrentDirectory, run.Folder);

    /// <summary>Reuses the finished run of <paramref name="config"/>, or trains it (resuming its checkpoint) and records it.</summary>
    private Run Ensure(RunConfig config, string fold, string label, Func<Run, (FoldMetrics, TrainingHistory)> train)
    {
        var run = store.Open(config, fold);
        if (run.IsFinished)
        {
            if (!announced.Add(run.Folder)) return run;
            var m = run.Metrics;
            log.WriteLine($"[{label}] reused {Shown(run)}{(m.Accuracy is { } a ? $" (accuracy {a:P1})" : "")}");
            return run;
        }
        log.WriteLine($"[{label}] training → {Shown(run)}");
        var (metrics, history) = train(run);
        run.Finish(metrics, history);
        log.WriteLine($"[{label}] done{(metrics.Accuracy is { } acc ? $": test accuracy {acc:P1}" : $": final loss {metrics.FinalTrainingLoss:G4}")}");
        return run;
    }
}
