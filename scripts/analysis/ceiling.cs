#:project ../../lib/FaceNet2ExpNet/FaceNet2ExpNet.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Where FN2EN's points go (one fold, by default fold 0): the same head (FC-256 + ReLU + dropout 0.5 + classifier, SGD as stage 2's)
// trained on fixed features — the fine-tuned teacher's pool5 (what a perfect stage 1 would give), and the stage-1
// student's g(I) — against FN2EN (stage 2, the student fine-tuned jointly) and the fine-tuned face net.
// Run from the repository root: dotnet run scripts/analysis/ceiling.cs -- <dataset> <face net> [fold=k] [setting=value …]
// (cpu profile; the fold's runs must exist: fn2en run --profile cpu --folds k …). DATA_ROOT and RUNS_ROOT move data/ and runs/.
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;
using TorchSharp;
using static TorchSharp.torch;

var dataset = args[0]; var faceNet = args[1];
var settings = ExperimentSettings.For(dataset, "cpu", faceNet) with { DataRoot = Env.Or("DATA_ROOT", "data"), RunsRoot = Env.Or("RUNS_ROOT", "runs") };
var fold = 0;
foreach (var a in args.Skip(2))
{
    if (a.StartsWith("fold=", StringComparison.Ordinal)) { fold = int.Parse(a["fold=".Length..], System.Globalization.CultureInfo.InvariantCulture); continue; }
    var (s, v) = Setting.ParseAssignment(a); settings = settings with { Overrides = settings.Overrides.With(s, v) };
}
using var e = new Experiment(settings, TextWriter.Null);
var (train, test) = e.FoldData(fold);
var s1 = e.Run(Methods.Stage1, fold);
var teacher = e.LoadFineTuned(fold); teacher.Module.Frozen();
var layer = s1.Config.Get(Setting.TeacherLayer); var crop = e.Network.InputSize; var compute = s1.Config.Compute;
using var targets = TeacherTargets.Compute(teacher, layer, train, crop, 8, 11, Normalization.Standard, 64, e.Device, compute);
using var stats = targets.Standardization();
using var student = e.LoadExpNet(s1); student.eval();
var labels = train.Labels.data<long>().ToArray(); var testLabels = test.Labels;

// Features of every training view (teacher: cached; student: its g(I) on the same crop) and of the test centre crops.
Tensor TrainFeatures(bool fromTeacher)
{
    var parts = new List<Tensor>();
    for (var v = 0; v < 8; v++)
    for (var from = 0; from < train.Count; from += 64)
    {
        using var scope = NewDisposeScope(); using var _ = no_grad();
        var idx = Enumerable.Range(from, Math.Min(64, train.Count - from)).ToArray();
        Tensor f;
        if (fromTeacher) f = cat(idx.Select(i => targets.Target(i, v)).ToList(), 0);
        else f = student.Features(compute.Layout(train.MakeBatch(idx, idx.Select(i => targets.ViewOf(i, v)).ToArray(), crop, Normalization.Standard)).Images).to(ScalarType.Float32);
        if (fromTeacher) f = stats.Apply(f);
        parts.Add(f.flatten(1).MoveToOuterDisposeScope());
    }
    return cat(parts, 0);   // [8·N, D], view-major
}
Tensor TestFeatures(bool fromTeacher)
{
    var parts = new List<Tensor>();
    Evaluation.ForEachBatch(test, crop, Normalization.Standard, 64, e.Device, (b, _) =>
        parts.Add((fromTeacher ? stats.Apply(TeacherLayer.Of(teacher, b.Images, layer).to(ScalarType.Float32)) : student.Features(b.Images).to(ScalarType.Float32)).flatten(1).DetachFromDisposeScope()), compute);
    return cat(parts, 0);
}
double Head(Tensor xTrain, Tensor xTest, double lr, int epochs)
{
    manual_seed(1);
    var d = (int)xTrain.shape[1]; var classes = e.Dataset.Classes.Count;
    var fc = nn.Linear(d, 256); var cls = nn.Linear(256, classes); var drop = nn.Dropout(0.5);
    foreach (var (m, std) in new[] { (fc, 0.005), (cls, 0.01) }) { using var _ = no_grad(); m.weight!.normal_(0, std); m.bias!.zero_(); }
    var ps = fc.parameters().Concat(cls.parameters()).ToList();
    var opt = optim.SGD(ps, lr, momentum: 0.9, weight_decay: 5e-4);
    var y = tensor(Enumerable.Range(0, 8).SelectMany(_ => labels).ToArray());
    var n = (int)xTrain.shape[0]; var rng = new Random(1);
    for (var ep = 0; ep < epochs; ep++)
    {
        var order = Seeds.Permutation(n, rng);
        for (var from = 0; from < n; from += 64)
        {
            using var scope = NewDisposeScope();
            var idx = tensor(order.Skip(from).Take(64).Select(i => (long)i).ToArray());
            opt.zero_grad();
            var loss = ClassificationLoss.Compute(cls.call(drop.call(nn.functional.relu(fc.call(xTrain.index_select(0, idx))))), y.index_select(0, idx));
            loss.backward(); opt.step();
        }
    }
    fc.eval(); cls.eval(); drop.eval();
    using var _2 = no_grad();
    var pred = cls.call(nn.functional.relu(fc.call(xTest))).argmax(1);
    return pred.eq(testLabels).to(ScalarType.Float32).mean().item<float>();
}
var (tTrain, tTest) = (TrainFeatures(true), TestFeatures(true));
var (sTrain, sTest) = (TrainFeatures(false), TestFeatures(false));
foreach (var (lr, ep) in new[] { (1e-3, 15), (1e-2, 15) })
    Console.WriteLine($"{string.Join(' ', args)} head lr {lr} × {ep} epochs of 8 views: teacher pool5 {Head(tTrain, tTest, lr, ep):P1}, stage-1 student g(I) {Head(sTrain, sTest, lr, ep):P1}");
// A baseline not trained on this fold is named so, not a stack trace after the figures above.
string Accuracy(MethodSpec method) { try { return $"{e.Run(method, fold).Metrics.Accuracy:P1}"; } catch (RunNotTrainedException) { return "not trained"; } }
Console.WriteLine($"FN2EN {Accuracy(Methods.Fn2En)}, fine-tune {Accuracy(Methods.FineTune)}, scratch-BN {Accuracy(Methods.ScratchBn)}");
