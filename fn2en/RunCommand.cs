using System.CommandLine;
using System.Text.Json;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Cli;

/// <summary>`fn2en run --dataset synthetic-ck --profile quick`: trains what is missing, reuses what is done, prints the table.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Prepared dataset under --data", DefaultValueFactory = _ => "synthetic-ck" };
        var profile = new Option<string>("--profile") { Description = "smoke, quick or paper", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong("smoke", "quick", "paper");
        var methods = new Option<string>("--methods") { Description = "Comma-separated: scratch-bn, vgg-finetune, fn2en", DefaultValueFactory = _ => string.Join(",", Experiment.Methods) };
        var data = new Option<string>("--data") { Description = "Data folder", DefaultValueFactory = _ => "data" };
        var runs = new Option<string>("--runs") { Description = "Run store folder", DefaultValueFactory = _ => "runs" };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: FN2EN_DEVICE, else cpu)" };
        var faceNet = new Option<string?>("--face-net") { Description = $"{string.Join(", ", FaceNet2ExpNet.Networks.FaceNets.Names)} (default: the profile's)" };
        var extra = new Option<string?>("--extra-training") { Description = "Dataset whose training images join every fold's (e.g. fer2013 for sfew)" };
        var command = new Command("run", "Run the experiments of one dataset and print its results table.") { dataset, profile, methods, data, runs, device, faceNet, extra };
        command.SetAction(parse =>
        {
            var settings = new ExperimentSettings
            {
                Dataset = parse.GetValue(dataset)!, Profile = Profile.Named(parse.GetValue(profile)!), DataRoot = parse.GetValue(data)!,
                RunsRoot = parse.GetValue(runs)!, Device = parse.GetValue(device), ExtraTrainingData = parse.GetValue(extra),
                FaceNet = parse.GetValue(faceNet),
            };
            using var experiment = new Experiment(settings);
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
