using System.Text.Json;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Cli;

/// <summary>Prints an experiment's table (and what is missing) and, once it is complete, writes results.md and results.json beside its runs.</summary>
public static class ResultsFiles
{
    public static void Print(ResultsSoFar results, ExperimentSettings settings, Experiment experiment)
    {
        Console.WriteLine();
        Console.WriteLine(results);
        if (!results.IsComplete)
        {
            Console.WriteLine($"(the table holds the finished folds only; `{experiment.Command("results")}` prints it again once the others are done)");
            return;
        }
        var folder = Path.Combine(settings.RunsRoot, settings.Dataset, settings.Profile.Name);
        const string wayOut = "the table above is complete; free some space and run `fn2en results` again to write it";
        AtomicFile.Write(Path.Combine(folder, "results.md"), results.Table.ToMarkdown() + "\n", wayOut);
        AtomicFile.Write(Path.Combine(folder, "results.json"), JsonSerializer.Serialize(results.Table, new JsonSerializerOptions { WriteIndented = true }) + "\n", wayOut);
        Console.WriteLine($"(also written to {Path.Combine(folder, "results.md")})");
    }
}
