using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// What a notebook runs on, from the environment: PROFILE (smoke, quick, paper; default quick), DATASET (default
/// synthetic-ck; the results notebooks fix theirs), FACE_NET (default: the profile's), DATA_ROOT and RUNS_ROOT
/// (default ../data and ../runs, relative to the notebooks folder, where the kernel runs).
/// </summary>
public sealed record NotebookParameters(Profile Profile, string Dataset, string? FaceNet, string DataRoot, string RunsRoot)
{
    /// <summary>Reads the environment; <paramref name="dataset"/>, when given, wins over DATASET.</summary>
    /// <exception cref="ArgumentException">PROFILE is not smoke, quick or paper.</exception>
    public static NotebookParameters FromEnvironment(string? dataset = null) => new(
        Profile.Named(Variable("PROFILE") ?? "quick"),
        dataset ?? Variable("DATASET") ?? "synthetic-ck",
        Variable("FACE_NET"),
        Variable("DATA_ROOT") ?? "../data",
        Variable("RUNS_ROOT") ?? "../runs");

    /// <summary>The experiment settings these parameters select.</summary>
    public ExperimentSettings Settings => new()
    {
        Dataset = Dataset, Profile = Profile, FaceNet = FaceNet, DataRoot = DataRoot, RunsRoot = RunsRoot,
    };

    /// <summary>The face net in use (the setting, else the profile's).</summary>
    public string FaceNetName => FaceNet ?? Profile.FaceNet;

    /// <summary>The profile's values with this face net.</summary>
    public SettingValues Values => Profile.Resolve(FaceNetName);
    public int InputSize => Values.Get(Setting.InputSize);
    public int ImageSize => Values.Get(Setting.ImageSize);
    public double Width => Values.Get(Setting.Width);
    /// <summary>"5 folds" or "all folds".</summary>
    public string Folds => Values.Get(Setting.Folds) is var k and > 0 ? $"{k} folds" : "all folds";

    /// <summary>One line naming the profile and what it means, shown by every notebook's first cell.</summary>
    public override string ToString() =>
        $"profile {Profile.Name}: {InputSize} px crops of {ImageSize} px images, networks at width ×{Width}, {Folds}; " +
        $"dataset {Dataset}; face net {FaceNetName}; data {DataRoot}; runs {RunsRoot}";

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
