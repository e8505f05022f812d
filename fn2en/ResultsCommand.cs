using System.CommandLine;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Cli;

/// <summary>
/// `fn2en results --dataset D [--profile P] [--face-net F] [--set …]`: the results table from whichever folds are
/// finished, and the runs still missing (who is training them). Never trains; reads every run-store file defensively.
/// Exit code 0 when something is finished and nothing is damaged, 2 when nothing is finished or a metrics.json is damaged.
/// </summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var experimentOptions = new ExperimentOptions();
        var methods = ExperimentOptions.Methods();
        var command = new Command("results", "Print the results table of one dataset from its finished runs (never trains); list the missing ones.");
        experimentOptions.AddTo(command);
        command.Add(methods);
        command.SetAction(parse =>
        {
            var settings = experimentOptions.Settings(parse);
            using var experiment = new Experiment(settings, TextWriter.Null);
            var chosen = ExperimentOptions.MethodList(parse.GetValue(methods)!);
            var results = experiment.ResultsSoFar(chosen);
            if (results.Table.Rows.All(r => r.Folds == 0) && !results.Missing.Any(m => m.Damaged))
            {
                var elsewhere = results.Missing.FirstOrDefault(m => m.FinishedWith.Count > 0);
                Console.Error.WriteLine($"fn2en: no run of this experiment is finished yet under {Path.GetFullPath(settings.RunsRoot)}; " +
                                        $"train with `{experiment.Command("run")}` (one fold per process: add --folds k)" +
                                        (elsewhere is null ? "." : $"; runs finished with other settings are there (e.g. {elsewhere.Method} fold-{elsewhere.Fold} with {elsewhere.FinishedWith[0]})."));
                return 2;
            }
            ResultsFiles.Print(results, experiment, chosen, write: false);
            foreach (var damaged in results.Missing.Where(m => m.Damaged)) Console.Error.WriteLine($"fn2en: error: {damaged.Reason}");
            return results.Missing.Any(m => m.Damaged) ? 2 : 0;
        });
        return command;
    }
}
