using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// What a notebook's settings cell shows: the profile, face net and data its runs really use — read from the
/// <see cref="Experiment"/> (a user's own dataset gets the profile's real-data face net, whatever the settings left
/// open) — and, plainly, what is missing when something is: a face net's models, an unprepared dataset.
/// </summary>
public static class Header
{
    /// <summary>"profile quick (…); face net vgg16-bn (…); data ../data/synthetic-ck (1308 images, …); runs ../runs".</summary>
    public static string Of(Experiment experiment)
    {
        var lines = new List<string>
        {
            $"profile {experiment.Profile.Name}: {experiment.Profile.Description}",
            $"face net {experiment.FaceNet}: {experiment.FaceNetSpec.Description}{Models(experiment)}",
            $"data {experiment.Settings.DatasetFolder(experiment.Settings.Dataset)}: {experiment.Dataset.Rows.Count} images of " +
            $"{experiment.Dataset.Classes.Count} classes, {experiment.FoldCount} of its {experiment.Dataset.FoldCount} folds" +
            (experiment.IsValidation ? ", tested on a validation split of each fold's training subjects" : ""),
            $"runs {experiment.Settings.RunsRoot}; overrides: {Overrides(experiment.Settings)}",
        };
        return string.Join("\n", lines);
    }

    /// <summary>The header of a notebook that runs no experiment (data preparation, model size): profile and data folder.</summary>
    public static string Of(ExperimentSettings settings) =>
        $"profile {settings.Profile.Name}: {settings.Profile.Description}\ndata {settings.DataRoot}; runs {settings.RunsRoot}";

    /// <summary>A results notebook's header when its dataset is not prepared: what to run, and what the notebook shows meanwhile.</summary>
    public static string NotPrepared(ExperimentSettings settings) =>
        $"profile {settings.Profile.Name}: {settings.Profile.Description}\n" +
        $"data: {settings.Dataset} is not prepared under {settings.DataRoot}. Prepare it with: {HowToPrepare(settings.Dataset)}, " +
        "then run this notebook again. Until then it shows the paper's numbers only.";

    /// <summary>The command that prepares <paramref name="dataset"/> (docs/datasets.md).</summary>
    public static string HowToPrepare(string dataset) =>
        DatasetCatalog.Known.FirstOrDefault(k => k.Name == dataset) is { Name: not null } known ? known.Command : "data-prep import … (docs/datasets.md)";

    private static string Overrides(ExperimentSettings settings) =>
        settings.Overrides.Names.Any() ? string.Join(", ", settings.Overrides.Names.Select(n => $"{n}={settings.Overrides.Text(Setting.Find(n))}")) : "none";

    /// <summary>For a pretrained face net, whether its weights are found (the message says plainly where they are looked for).</summary>
    private static string Models(Experiment experiment)
    {
        if (!experiment.FaceNetSpec.Pretrained) return "";
        try
        {
            _ = experiment.TeacherShape;   // builds the net once: loads its weights
            return "";
        }
        catch (FileNotFoundException e)
        {
            return $"\nface net {experiment.FaceNet}: its models are not found ({e.Message}). A notebook outside the repository needs " +
                   "FN2EN_MODELS set to the models/ folder of a clone (./scripts/setup.sh installs them there).";
        }
    }
}
