using System.CommandLine;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Cli;

/// <summary>The options that name an experiment — dataset, profile, face net, overrides, data and run folders — shared by run, results and predict.</summary>
public sealed class ExperimentOptions
{
    public Option<string> Dataset { get; } = new("--dataset") { Description = "Prepared dataset under --data", DefaultValueFactory = _ => FaceNet2ExpNet.Data.Synthetic.ExpressionCorpus.Name8 };
    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = string.Join("; ", Experiments.Profile.All.Select(p => $"{p.Name}: {p.Description}")) +
                      $" (default: {Experiments.Profile.Quick.Name} on the embedded synthetic data, {Experiments.Profile.Cpu.Name} on a real dataset)",
    };
    public Option<string> Data { get; } = new("--data") { Description = "Data folder", DefaultValueFactory = _ => "data" };
    public Option<string> Runs { get; } = new("--runs") { Description = "Run store folder", DefaultValueFactory = _ => "runs" };
    public Option<string?> FaceNet { get; } = new("--face-net")
    {
        Description = "vgg16, vgg16-bn, faceapi-resnet, faceres or vggface (default: the profile's — vgg16-bn on the synthetic default data, a pretrained net on real data)",
    };
    public Option<string?> Extra { get; } = new("--extra-training") { Description = "Dataset whose training images join every fold's (e.g. fer2013 for sfew)" };
    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a setting, e.g. --set stage1.lr=3e-4 --set finetune.epochs=20 (names: fn2en run --show-config; docs/experiments.md)",
        AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [],
    };

    /// <summary>Adds these options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Dataset, Profile, Data, Runs, FaceNet, Extra, Set }) command.Add(option);
    }

    /// <summary>The experiment's settings from a parsed command line (device and claims left at their defaults).</summary>
    /// <exception cref="ArgumentException">A --set that is not name=value or names an unknown setting.</exception>
    public ExperimentSettings Settings(ParseResult parse)
    {
        var overrides = SettingValues.Empty;
        foreach (var assignment in parse.GetValue(Set)!)
        {
            var (setting, value) = Setting.ParseAssignment(assignment);
            overrides = overrides.With(setting, value);
        }
        return new ExperimentSettings
        {
            Dataset = parse.GetValue(Dataset)!, DataRoot = parse.GetValue(Data)!,
            Profile = parse.GetValue(Profile) is { } name ? Experiments.Profile.Named(name) : Experiments.Profile.DefaultFor(parse.GetValue(Data)!, parse.GetValue(Dataset)!),
            RunsRoot = parse.GetValue(Runs)!, ExtraTrainingData = parse.GetValue(Extra), FaceNet = parse.GetValue(FaceNet), Overrides = overrides,
        };
    }

    /// <summary>Comma-separated methods (scratch-bn, vgg-finetune, fn2en), default all three.</summary>
    public static Option<string> Methods() => new("--methods")
    {
        Description = $"Comma-separated: {string.Join(", ", Experiments.Methods.Compared)}", DefaultValueFactory = _ => string.Join(",", Experiments.Methods.Compared),
    };

    /// <exception cref="ArgumentException">An unknown method, or none.</exception>
    public static IReadOnlyList<MethodSpec> MethodList(string text) => Experiments.Methods.ParseCompared(text);
}
