using System.Globalization;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Which dataset, at which profile, with which face net, where data and runs live, on which device — and any
/// hyper-parameter overrides by name (<see cref="SettingNames"/>), as <c>fn2en run --set</c> gives them.
/// </summary>
public sealed record ExperimentSettings
{
    /// <summary>Prepared dataset under <see cref="DataRoot"/> (synthetic-ck, ck-plus, oulu-casia, tfd, sfew, …).</summary>
    public required string Dataset { get; init; }
    public required Profile Profile { get; init; }
    public string DataRoot { get; init; } = "data";
    public string RunsRoot { get; init; } = "runs";
    /// <summary>
    /// The face net (a <see cref="Networks.FaceNets"/> name); null = the profile's: <see cref="Profile.FaceNet"/> for
    /// the synthetic default data, <see cref="Profile.RealFaceNet"/> for real datasets.
    /// </summary>
    public string? FaceNet { get; init; }
    /// <summary>Face-recognition corpus a randomly initialised face net (vgg16, vgg16-bn) is pre-trained on.</summary>
    public string FaceCorpus { get; init; } = "synthetic-faces";
    /// <summary>A prepared dataset with the same classes whose training images are added to every fold's (SFEW + FER2013).</summary>
    public string? ExtraTrainingData { get; init; }
    /// <summary>cpu, cuda or cuda:N; null = the FN2EN_DEVICE environment variable, else cpu.</summary>
    public string? Device { get; init; }
    /// <summary>
    /// What to do about runs other processes sharing the run store are training: wait (default) or skip them, and when
    /// a silent claim counts as stale. Not part of any run's config: it decides who trains a run, not what is trained.
    /// </summary>
    public Claims.ClaimOptions Claims { get; init; } = new();
    /// <summary>Hyper-parameter overrides by setting name, applied over the profile's values (e.g. stage1.lr → 3e-4).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>These settings with one more override, e.g. <c>settings.Set("stage1.lr", 3e-4)</c>.</summary>
    /// <exception cref="ArgumentException">Unknown setting name (the message lists the valid ones).</exception>
    public ExperimentSettings Set(string name, object value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var (key, parsed) = SettingNames.Parse($"{name}={text}");
        return this with { Overrides = new Dictionary<string, string>(Overrides) { [key] = parsed } };
    }

    /// <summary>The effective settings with <paramref name="faceNet"/>: the profile's values, then the overrides.</summary>
    public TrainingSettings Resolve(string faceNet) => TrainingSettings.From(Profile, faceNet).With(Overrides);
}
