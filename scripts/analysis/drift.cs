#:project ../../lib/FaceNet2ExpNet/FaceNet2ExpNet.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// How much stage 2 moved stage 1's features: held-out FVU of g(I) after stage 1 and after stage 2 (fold 0 of an experiment).
// Run from the repository root: dotnet run scripts/analysis/drift.cs -- <dataset> <face net> [setting=value …] (cpu profile,
// fold 0; the runs must exist: fn2en run --profile cpu --folds 0 …). DATA_ROOT and RUNS_ROOT move data/ and runs/.
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

var dataset = args[0]; var faceNet = args[1];
var settings = ExperimentSettings.For(dataset, "cpu", faceNet) with { DataRoot = Env.Or("DATA_ROOT", "data"), RunsRoot = Env.Or("RUNS_ROOT", "runs") };
foreach (var a in args.Skip(2)) { var (s, v) = Setting.ParseAssignment(a); settings = settings with { Overrides = settings.Overrides.With(s, v) }; }
using var e = new Experiment(settings, TextWriter.Null);
var (train, test) = e.FoldData(0);
using (train) using (test)
{
    var s1 = e.Run(Methods.Stage1, 0); var s2 = e.Run(Methods.Fn2En, 0);
    var teacher = e.LoadFineTuned(0);
    var layer = s1.Config.Get(Setting.TeacherLayer); var crop = e.Network.InputSize; var compute = s1.Config.Compute;
    var standardize = s1.Config.Get(Setting.StandardizeTeacher);
    using var stats = TeacherStandardization.Measure(teacher, train, crop, Normalization.Standard, 64, e.Device, layer);
    using var heldOut = HeldOutTargets.Compute(teacher, layer, test, crop, stats, standardize, 64, e.Device, compute);
    using var n1 = e.LoadExpNet(s1); using var n2 = e.LoadExpNet(s2);
    Console.WriteLine($"{string.Join(' ', args)}: held-out FVU after stage 1 {heldOut.Fvu(n1):F3}, after stage 2 {heldOut.Fvu(n2):F3} (stage 1's metrics: {s1.Metrics.Fvu:F3}); FN2EN accuracy {s2.Metrics.Accuracy:P1}");
}
