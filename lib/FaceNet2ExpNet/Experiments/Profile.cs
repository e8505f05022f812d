using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One experiment definition, several sizes: smoke (CI, seconds), quick (the embedded default in minutes), cpu (the
/// paper's architecture on a 2-core CPU: the default for real data) and paper (the paper's settings; GPU). A profile
/// changes sizes, schedules and arithmetic only, never the method: it is a set of setting values (<see cref="Values"/>),
/// with more per face net (<see cref="ForFaceNet"/>), over the settings' declared defaults (<see cref="Setting"/>).
/// </summary>
public sealed partial record Profile
{
    public required string Name { get; init; }
    /// <summary>One line: what the profile is for.</summary>
    public required string Description { get; init; }
    /// <summary>The synthetic default data this profile reads (<c>data-prep synthetic --profile</c> generates it).</summary>
    public required SyntheticOptions Synthetic { get; init; }
    /// <summary>The face net for the synthetic default data.</summary>
    public string FaceNet { get; init; } = FaceNets.Vgg16BnName;
    /// <summary>
    /// The face net for real datasets: a net pretrained on real faces. faceapi-resnet: on a validation split of fold 0's
    /// training subjects faceres' FN2EN validates at 57.8 % against faceapi-resnet's 55.6 % (4 of 180 images apart,
    /// within the split's epoch-to-epoch swing) and its fine-tune at 73.3 % against 81.1 %; the 5 quick test folds agree
    /// with the fine-tune ranking (FN2EN 59.3 vs 69.2 %, fine-tune 82.0 vs 90.4 %; docs/face-nets.md).
    /// </summary>
    public string RealFaceNet { get; init; } = FaceNets.FaceApiResNetName;
    /// <summary>This profile's values for every face net.</summary>
    public SettingValues Values { get; init; } = SettingValues.Empty;
    /// <summary>This profile's values for one face net (by <see cref="FaceNets"/> name): mostly its schedules.</summary>
    public IReadOnlyDictionary<string, SettingValues> ForFaceNet { get; init; } = new Dictionary<string, SettingValues>();

    /// <summary>
    /// The effective settings with <paramref name="faceNet"/>: the declared defaults, this profile's values, the face
    /// net's own facts (<see cref="FaceNetFacts"/>), this profile's values for it, then <paramref name="overrides"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown face net.</exception>
    public SettingValues Resolve(string faceNet, SettingValues? overrides = null) => Values
        .With(FaceNetFacts(FaceNets.Spec(faceNet)))
        .With(ForFaceNet.TryGetValue(faceNet, out var mine) ? mine : SettingValues.Empty)
        .With(overrides ?? SettingValues.Empty);

    /// <summary>
    /// What a face net itself asks of every profile (<see cref="FaceNetSpec"/>): a pretrained net's map is standardised
    /// for stage 1; faceres' ExpNet upsamples before its bridge.
    /// </summary>
    public static SettingValues FaceNetFacts(FaceNetSpec spec)
    {
        var facts = SettingValues.Empty;
        if (spec.StandardizeTeacher) facts = facts.With(Setting.StandardizeTeacher, true);
        if (spec.UpsampleBeforeBridge) facts = facts.With(Setting.UpsampleBeforeBridge, true);
        return facts;
    }

    /// <summary>
    /// The profile a dataset runs at when none is named: <see cref="Quick"/> for the embedded synthetic data (what
    /// ./reproduce.sh runs), <see cref="Cpu"/> — the paper's architecture — for a real dataset (or one not prepared yet).
    /// </summary>
    public static Profile DefaultFor(string dataRoot, string dataset)
    {
        var json = Path.Combine(dataRoot, dataset, "dataset.json");
        try { return File.Exists(json) && Data.DatasetInfo.Read(json).IsSynthetic ? Quick : Cpu; }
        catch (Data.DatasetFormatException) { return Cpu; }   // opening the dataset says what is wrong with it
    }

    /// <summary>The built-in profiles by name.</summary>
    public static IReadOnlyList<Profile> All => [Smoke, Quick, Cpu, Paper];

    /// <summary>The profile called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No profile has that name (the message lists them).</exception>
    public static Profile Named(string name) => All.FirstOrDefault(p => p.Name == name.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"Unknown profile '{name}'; use {string.Join(", ", All.Select(p => p.Name))}.");

    public override string ToString() => Name;
}
