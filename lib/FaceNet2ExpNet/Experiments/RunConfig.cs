using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments;

/// <summary>A dataset as a run depends on it: its name and a fingerprint of its dataset.json + manifest.csv.</summary>
public sealed record DataRef(string Name, string Fingerprint);

/// <summary>
/// Everything that decides a run (except the fold): its method, data, face net, the values of exactly the settings
/// that decide it (<see cref="Setting.Decides"/>; a setting at its <see cref="Setting.Neutral"/> value is left out) and its parents' ids. Recorded as config.json; its hash names the
/// run folder, so a changed setting makes new runs of the methods it decides (and their descendants) and leaves every
/// other run's id alone.
/// </summary>
public sealed record RunConfig : ISettingSource
{
    public required string Method { get; init; }
    public required DataRef Data { get; init; }
    public DataRef? ExtraTrainingData { get; init; }
    /// <summary>The dataset whose images stage 1 also regresses (<c>stage1.unlabelled</c>); null — and left out of the id — otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DataRef? Unlabelled { get; init; }
    public required string Profile { get; init; }
    /// <summary>The face net this run depends on (null for scratch-BN, which uses none).</summary>
    public string? FaceNet { get; init; }
    /// <summary>The canonical text of each setting that decides this run, by name.</summary>
    public required SortedDictionary<string, string> Settings { get; init; }
    public SortedDictionary<string, string> Parents { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The config of a <paramref name="method"/> run: the values of the settings that decide it, parents added by the plan.</summary>
    /// <param name="unlabelled">The <c>stage1.unlabelled</c> dataset, recorded by stage-1 runs only (the only runs it decides).</param>
    public static RunConfig For(MethodSpec method, FaceNetSpec faceNet, SettingValues values, string profile, DataRef data, DataRef? extra,
        DataRef? unlabelled = null)
    {
        var kind = new RunKind(method, faceNet);
        return new RunConfig
        {
            Method = method.Key, Data = data, ExtraTrainingData = extra, Unlabelled = Setting.Unlabelled.Decides(kind) ? unlabelled : null, Profile = profile, FaceNet = method.UsesFaceNet ? faceNet.Name : null,
            Settings = new SortedDictionary<string, string>(Setting.All.Where(s => s.Decides(kind) && values.Text(s) != s.Neutral)
                .ToDictionary(s => s.Name, values.Text), StringComparer.Ordinal),
        };
    }

    /// <summary>The method of this run.</summary>
    [JsonIgnore] public MethodSpec Spec => Methods.Named(Method);

    /// <summary>The value of <paramref name="setting"/> this run was configured with.</summary>
    /// <exception cref="InvalidOperationException">The setting does not decide runs of this method (it is not in the config).</exception>
    public T Get<T>(Setting<T> setting) where T : notnull => Settings.TryGetValue(setting.Name, out var text) ? (T)setting.Parse(text)
        : setting.Neutral is { } neutral && setting.Decides(new RunKind(Spec, FaceNets.Spec(FaceNet ?? FaceNets.Vgg16BnName))) ? (T)setting.Parse(neutral)
        : throw new InvalidOperationException($"{Method} runs do not use the setting {setting.Name} (it is not in their config).");

    /// <summary>This run's SGD schedule.</summary>
    [JsonIgnore] public Schedule Schedule => Spec.Schedule.Read(this);

    /// <summary>The precision and memory format it trains and evaluates with.</summary>
    [JsonIgnore] public ComputeFormat Compute => new()
    {
        Precision = ComputeFormat.ParsePrecision(Get(Setting.Precision)), ChannelsLast = Get(Setting.ChannelsLast),
    };

    /// <summary>Input size, and the width multiplier when the run uses one (a pretrained face net keeps its own: 1).</summary>
    [JsonIgnore] public NetworkSize Network => new(Get(Setting.InputSize), Settings.ContainsKey(Setting.Width.Name) ? Get(Setting.Width) : 1.0);

    /// <summary>8 hex digits of the SHA-256 of the compact JSON.</summary>
    public string Id()
    {
        var compact = JsonSerializer.Serialize(this, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(compact)))[..8].ToLowerInvariant();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The ExpNet this run trains (scratch-BN, stage 1, FN2EN), from the config alone, so one run id is one network:
    /// batch norm for scratch-BN (and for FN2EN with <c>expnet.batch_norm</c>); the bridge and FC-256 sized to the face
    /// net's stage-1 layer (<c>stage1.teacher_layer</c>), or to VGG-16's pool5 when the run uses no face net (scratch-BN,
    /// as in the paper); the recorded upsampling layout.
    /// </summary>
    /// <param name="classes">The dataset's expression classes.</param>
    /// <param name="teacherShape">The face net's stage-1 layer shape when already known (else <see cref="FaceNets.TapShape"/>, which builds the net).</param>
    /// <exception cref="InvalidOperationException">The run trains no ExpNet.</exception>
    public ExpNetOptions ExpNetOptions(int classes, FeatureShape? teacherShape = null)
    {
        if (!Spec.TrainsExpNet) throw new InvalidOperationException($"{Method} runs train no ExpNet.");
        var scratch = FaceNet is null;
        return new ExpNetOptions
        {
            Classes = classes, Size = Network, BatchNorm = scratch || Get(Setting.ExpNetBatchNorm),
            Target = scratch ? null : teacherShape ?? FaceNets.TapShape(FaceNet!, Get(Setting.TeacherLayer), Network),
            UpsampleBeforeBridge = !scratch && Get(Setting.UpsampleBeforeBridge),
        };
    }
}
