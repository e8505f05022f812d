using System.CommandLine;
using FaceNet2ExpNet.Data.Importers;
using FaceNet2ExpNet.Prediction;

namespace FaceNet2ExpNet.Cli;

/// <summary>
/// `fn2en predict --model RUN | --dataset D --fold k  IMAGE|FOLDER…`: the trained FN2EN model of one fold applied to
/// photos — one row per face (file, face box, expression, class probabilities), CSV or --json, on standard output.
/// Files that do not decode or show no face are one line each on standard error; the exit code is 2 only when nothing
/// was predicted.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var experimentOptions = new ExperimentOptions();
        var model = new Option<string?>("--model") { Description = "An FN2EN run folder: runs/<dataset>/<profile>/fn2en/<id>/fold-<k> (instead of --dataset … --fold k)" };
        var fold = new Option<int?>("--fold") { Description = "The fold whose FN2EN model to use (with --dataset, --profile, --face-net, --set as given to fn2en run)" };
        var json = new Option<bool>("--json") { Description = "Write JSON (an array of faces) instead of CSV" };
        var aligner = new Option<string?>("--aligner")
        {
            Description = "How to find and align faces: face-api (SSD, else the tiny detector), face-api:ssd, face-api:tiny, centre-crop[:F] or none " +
                          "(default: face-api as the model's training data was aligned, from its dataset.json; face-api's default for data it did not align)",
        };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: FN2EN_DEVICE, else cpu)" };
        var inputs = new Argument<string[]>("images") { Description = "Image files and folders (searched recursively for images)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Predict the expression of every face in images with a trained FN2EN model.");
        experimentOptions.AddTo(command);
        foreach (var option in new Option[] { model, fold, json, aligner, device }) command.Add(option);
        command.Add(inputs);
        command.SetAction(parse =>
        {
            using var fn2en = Load(parse, experimentOptions, model, fold, aligner, device);
            Console.Error.WriteLine($"[predict] {fn2en}");
            var files = Files(parse.GetValue(inputs)!, out var missing);
            var (predictions, problems) = fn2en.PredictFiles(files);
            foreach (var problem in missing.Concat(problems)) Console.Error.WriteLine($"fn2en: {problem.Reason}");
            if (parse.GetValue(json)) PredictionWriter.Json(Console.Out, predictions);
            else PredictionWriter.Csv(Console.Out, predictions, fn2en.Classes);
            var images = predictions.Select(p => p.File).Distinct().Count();
            Console.Error.WriteLine($"[predict] {predictions.Count} face(s) in {images} of {files.Count + missing.Count} image(s)" +
                                    (problems.Count + missing.Count > 0 ? $"; {problems.Count + missing.Count} without a prediction (above)" : ""));
            return predictions.Count > 0 ? 0 : 2;
        });
        return command;
    }

    private static Fn2EnModel Load(ParseResult parse, ExperimentOptions experimentOptions, Option<string?> model, Option<int?> fold,
        Option<string?> aligner, Option<string?> device)
    {
        var data = parse.GetValue(experimentOptions.Data)!;
        if (parse.GetValue(model) is { } folder)
            return Fn2EnModel.Load(folder, data, parse.GetValue(aligner), parse.GetValue(device));
        if (parse.GetValue(fold) is not { } k)
            throw new ArgumentException("Name the model: --model <FN2EN run folder>, or --fold k with the experiment's --dataset/--profile/--face-net/--set.");
        var settings = experimentOptions.Settings(parse) with { Device = parse.GetValue(device) };
        using var experiment = new Experiments.Experiment(settings, TextWriter.Null);
        return Fn2EnModel.Load(experiment, k, parse.GetValue(aligner));
    }

    /// <summary>The image files named, and those inside the folders named (recursively, by name); paths that do not exist are problems.</summary>
    private static List<string> Files(IEnumerable<string> inputs, out List<PredictionProblem> missing)
    {
        missing = [];
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input)) files.Add(input);
            else if (Directory.Exists(input))
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(input, f).Split(Path.DirectorySeparatorChar).Any(part => SourceTree.IsLitter(part)) && SourceTree.IsImage(f))
                    .Order(StringComparer.Ordinal));
            else missing.Add(new PredictionProblem(input, $"{Data.Imaging.SafeText.Escape(input)}: no such file or folder."));
        }
        return files;
    }
}
