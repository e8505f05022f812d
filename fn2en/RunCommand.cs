using System.CommandLine;
using System.Globalization;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Experiments.Claims;

namespace FaceNet2ExpNet.Cli;

/// <summary>
/// `fn2en run --dataset synthetic-ck --profile quick [--folds 3] [--no-wait] [--set stage1.lr=3e-4 …]`: trains what is
/// missing (of the selected folds), reuses what is done, waits for runs other processes are training, prints the table.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var experimentOptions = new ExperimentOptions();
        var methods = ExperimentOptions.Methods();
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: FN2EN_DEVICE, else cpu)" };
        var folds = new Option<string?>("--folds")
        {
            Description = "Train only these folds, e.g. 3, 0-4 or 1,7 (from 0, as the run folders fold-<k>); default: every fold of the experiment (the setting folds)",
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Skip runs another process is training (and say so) instead of waiting for them" };
        var staleAfter = new Option<double>("--stale-after")
        {
            Description = "Minutes without a heartbeat after which another process's claim on a run is stale and the run is taken over (default 10)",
            DefaultValueFactory = _ => 10,
        };
        var showConfig = new Option<bool>("--show-config") { Description = "Print the effective settings (profile, face net recipe, --set overrides) and exit" };
        var command = new Command("run", "Run the experiments of one dataset (or some of its folds) and print its results table.");
        experimentOptions.AddTo(command);
        foreach (var option in new Option[] { methods, device, folds, noWait, staleAfter, showConfig }) command.Add(option);
        command.SetAction(parse =>
        {
            var minutes = parse.GetValue(staleAfter);
            if (!(minutes > 0)) throw new ArgumentException($"--stale-after {minutes.ToString(CultureInfo.InvariantCulture)}: give a positive number of minutes.");
            var settings = experimentOptions.Settings(parse) with
            {
                Device = parse.GetValue(device),
                Claims = new ClaimOptions { Wait = !parse.GetValue(noWait), StaleAfter = TimeSpan.FromMinutes(minutes) },
            };
            var selected = parse.GetValue(folds) is { } text ? FoldSelection.Parse(text) : null;
            using var experiment = new Experiment(settings);
            if (parse.GetValue(showConfig))
            {
                Console.WriteLine($"# {settings.Dataset}, profile {settings.Profile.Name}, face net {experiment.FaceNet}, {experiment.FoldCount} folds");
                Console.WriteLine(experiment.Describe());
                return 0;
            }
            var chosen = ExperimentOptions.MethodList(parse.GetValue(methods)!);
            experiment.Train(chosen, selected);
            ResultsFiles.Print(experiment.ResultsSoFar(chosen), experiment, chosen, write: true);
            return 0;
        });
        return command;
    }
}
