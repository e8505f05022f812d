#:project ../../lib/FaceNet2ExpNet/FaceNet2ExpNet.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Sec. III-C on a real face net: LES counts per tap before/after fine-tuning (cpu profile, fold 0, validation split's training part).
// Run from the repository root: dotnet run scripts/analysis/les.cs -- [face net] [setting=value …]   (fine-tune runs must exist:
// fn2en run --profile cpu --folds 0 --set split=validation --methods vgg-finetune)
using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Experiments;

var faceNet = args.Length > 0 ? args[0] : "faceapi-resnet";
var settings = ExperimentSettings.For("synthetic-ck", "cpu", faceNet) with { DataRoot = Env.Or("DATA_ROOT", "data"), RunsRoot = Env.Or("RUNS_ROOT", "runs") };
settings = settings.Set("split", "validation");
foreach (var a in args.Skip(1)) { var (s, v) = Setting.ParseAssignment(a); settings = settings with { Overrides = settings.Overrides.With(s, v) }; }
using var e = new Experiment(settings);
var (train, _) = e.FoldData(0);
using (train)
{
    var pre = e.LoadPretrained();
    var fine = e.LoadFineTuned(0);
    foreach (var conv in new[] { ConvResponse.SpatialMax, ConvResponse.EachPosition })
    {
        var r = LayerSelection.Run(pre, fine, train, k: 100, conv: conv);
        Console.WriteLine($"== {faceNet}, conv neurons: {conv}");
        Console.WriteLine(r);
    }
}
