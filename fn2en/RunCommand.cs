using System.CommandLine;
using System.Text.Json;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Cli;

/// <summary>`fn2en run --dataset synthetic-ck --profile quick [--set stage1.lr=3e-4 …]`: trains what is missing, reuses what is done, prints the table.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Prepared dataset under --data", DefaultValueFactory = _ => "synthetic-ck" };
        var profile = new Option<string>("--profile") { Description = "smoke, quick or paper", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong(Profile.All.Select(p => p.Name).ToArray());
        var methods = new Option<string>("--methods") { Description = "Comma-separated: scratch-bn, vgg-finetune, fn2en", DefaultValueFactory = _ => string.Join(",", Methods.Compared) };
        var data = new Option<string>("--data") { Description = "Data folder", DefaultValueFactory = _ => "data" };
        var runs = new Option<string>("--runs") { Description = "Run store folder", DefaultValueFactory = _ => "runs" };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: FN2EN_DEVICE, else cpu)" };
        var faceNet = new Option<string?>("--face-net")
        {
            Description = "vgg16, vgg16-bn, faceapi-resnet, faceres or vggface (default: the profile's — vgg16-bn on the synthetic default data, a pretrained net on real data)",
        };
        var extra = new Option<string?>("--extra-training") { Description = "Dataset whose training images join every fold's (e.g. fer2013 for sfew)" };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a setting, e.g. --set stage1.lr=3e-4 --set finetune.epochs=20 (names: --show-config; docs/experiments.md)",
            AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [],
        };
        var showConfig = new Option<bool>("--show-config") { Description = "Print the effective settings (profile, face net recipe, --set overrides) and exit" };
        var command = new Command("run", "Run the experiments of one dataset and print its results table.")
            { dataset, profile, methods, data, runs, device, faceNet, extra, set, showConfig };
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string>();
            foreach (var assignment in parse.GetValue(set)!)
            {
                var (name, value) = SettingNames.Parse(assignment);
                overrides[name] = value;
            }
            var settings = new ExperimentSettings
            {
                Dataset = parse.GetValue(dataset)!, Profile = Profile.Named(parse.GetValue(profile)!), DataRoot = parse.GetValue(data)!,
                RunsRoot = parse.GetValue(runs)!, Device = parse.GetValue(device), ExtraTrainingData = parse.GetValue(extra),
                FaceNet = parse.GetValue(faceNet), Overrides = overrides,
            };
            using var experiment = new Experiment(settings);
            if (parse.GetValue(showConfig))
            {
                Console.WriteLine($"# {settings.Dataset}, profile {settings.Profile.Name}, face net {experiment.FaceNet}, {experiment.FoldCount} folds");
                Console.WriteLine(experiment.Training.Describe(overrides));
                return 0;
            }
            var table = experiment.RunAll(parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Console.WriteLine();
            Console.WriteLine(table);
            var folder = Path.Combine(settings.RunsRoot, settings.Dataset, settings.Profile.Name);
            File.WriteAllText(Path.Combine(folder, "results.md"), table.ToMarkdown() + "\n");
            File.WriteAllText(Path.Combine(folder, "results.json"), JsonSerializer.Serialize(table, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine($"(also written to {Path.Combine(folder, "results.md")})");
            return 0;
        });
        return command;
    }
}
