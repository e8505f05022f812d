using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Which dataset, at which profile, with which face net, where data and runs live, on which device — and any setting
/// overrides (<see cref="Setting"/>), as <c>fn2en run --set</c> gives them. The one object a notebook's settings cell
/// builds: <c>ExperimentSettings.For("synthetic-ck", "cpu").Set("stage1.lr", 3e-5)</c>.
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
    public string FaceCorpus { get; init; } = Data.Synthetic.FaceRecognitionCorpus.Name;
    /// <summary>A prepared dataset with the same classes whose training images are added to every fold's (SFEW + FER2013).</summary>
    public string? ExtraTrainingData { get; init; }
    /// <summary>cpu, cuda or cuda:N; null = the FN2EN_DEVICE environment variable, else cpu.</summary>
    public string? Device { get; init; }
    /// <summary>
    /// What to do about runs other processes sharing the run store are training: wait (default) or skip them, and when
    /// a silent claim counts as stale. Not part of any run's config: it decides who trains a run, not what is trained.
    /// </summary>
    public Claims.ClaimOptions Claims { get; init; } = new();
    /// <summary>Setting overrides, applied over the profile's values (e.g. stage1.lr → 3e-4).</summary>
    public SettingValues Overrides { get; init; } = SettingValues.Empty;

    /// <summary>The settings of <paramref name="dataset"/> at <paramref name="profile"/> (default quick), optionally with a face net.</summary>
    /// <exception cref="ArgumentException">Unknown profile.</exception>
    public static ExperimentSettings For(string dataset, string? profile = null, string? faceNet = null) =>
        new() { Dataset = dataset, Profile = profile is null ? Profile.Quick : Profile.Named(profile), FaceNet = faceNet };

    /// <summary>These settings with one more override, e.g. <c>settings.Set("stage1.lr", 3e-4)</c> (a number, or its text).</summary>
    /// <exception cref="ArgumentException">Unknown setting name (the message lists the valid ones) or an invalid value.</exception>
    public ExperimentSettings Set(string name, object value) => this with { Overrides = Overrides.With(name, value) };

    /// <summary>
    /// The effective settings with <paramref name="faceNet"/> (<see cref="Profile.Resolve"/>, then the overrides), with
    /// <c>precision=auto</c> decided for this CPU (<see cref="CpuFeatures.Auto"/>); <paramref name="why"/> says how.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown face net.</exception>
    public SettingValues Resolve(string faceNet, out string? why)
    {
        var values = Profile.Resolve(faceNet, Overrides);
        why = null;
        if (values.Get(Setting.Precision) != "auto") return values;
        (var precision, why) = CpuFeatures.Auto();
        return values.With(Setting.Precision, precision);
    }

    /// <summary><see cref="Resolve(string, out string?)"/> without the explanation.</summary>
    public SettingValues Resolve(string faceNet) => Resolve(faceNet, out _);

    /// <summary>The folder of the prepared dataset <paramref name="name"/>: &lt;data root&gt;/&lt;name&gt;.</summary>
    public string DatasetFolder(string name) => Path.Combine(DataRoot, name);

    /// <summary>The overrides as <c>--set</c> options ("--set stage1.lr=3e-05 …"), or "".</summary>
    public string SetOptions => string.Concat(Overrides.Names.Select(n => $" --set {n}={Overrides.Text(Setting.Find(n))}"));
}
