using FaceNet2ExpNet.Reporting;
using System.CommandLine;
using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// `data-prep synthetic --profile quick`: the embedded default data (face-recognition corpus + CK+-like expression
/// corpora) under data/, reused when present and current, plus a report: a sample sheet and the "identity dominates" measurement.
/// </summary>
public static class SyntheticCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile")
        {
            Description = "the profile whose corpora to generate: smoke, quick and cpu share one (128 px); paper's is 256 px with 2,000 identities",
            DefaultValueFactory = _ => Profile.Quick.Name,
        };
        var size = new Option<int?>("--size") { Description = "Image side in pixels (overrides the profile's)" };
        var seed = new Option<int?>("--seed") { Description = "Generator seed (same seed → byte-identical datasets)" };
        var data = new Option<DirectoryInfo>("--data") { Description = "Data folder", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var force = new Option<bool>("--force") { Description = "Regenerate even if current datasets exist, replacing any other data in the corpus folders" };
        var noReport = new Option<bool>("--no-report") { Description = "Skip the sample sheet and pixel-neighbour report" };
        var command = new Command("synthetic", "Generate the synthetic face-recognition and CK+-like expression corpora.")
            { profile, size, seed, data, force, noReport };
        command.SetAction(parse =>
        {
            var options = Profile.Named(parse.GetValue(profile)!).Synthetic;
            if (parse.GetValue(size) is { } s) options = options with { ImageSize = s };
            if (parse.GetValue(seed) is { } sd) options = options with { Seed = sd };
            var root = parse.GetValue(data)!.FullName;
            var result = SyntheticCorpora.Ensure(options, root, parse.GetValue(force), new LineProgress(Console.Out, "data-prep"));
            Console.WriteLine($"[data-prep] synthetic corpora ready in {result.Elapsed.TotalSeconds:F1} s " +
                              $"({(result.Generated ? "generated" : "all reused")}) under {root}");
            foreach (var d in new[] { result.Faces, result.Expressions8, result.Expressions6, result.Small })
                Console.WriteLine(CheckCommand.Summary(d));
            if (!parse.GetValue(noReport)) WriteReport(options, result, Path.Combine(root, "synthetic-report"));
            return 0;
        });
        return command;
    }

    private static void WriteReport(SyntheticOptions options, SyntheticCorpora.Result result, string folder)
    {
        Directory.CreateDirectory(folder);
        var sheet = Path.Combine(folder, "synthetic-ck-samples.jpg");
        File.WriteAllBytes(sheet, SampleSheet.Jpeg(options));
        var neighbours = PixelNeighbours.Measure(result.Expressions8);
        var text = $"""
            # Synthetic corpora

            ![samples](synthetic-ck-samples.jpg)

            {CheckCommand.Headline(result.Faces)}
            {CheckCommand.Headline(result.Expressions8)}

            Identity dominates pixel variance: {neighbours}
            """;
        File.WriteAllText(Path.Combine(folder, "report.md"), text + Environment.NewLine);
        Console.WriteLine($"[data-prep] {neighbours}");
        Console.WriteLine($"[data-prep] sample sheet: {sheet}");
    }
}
