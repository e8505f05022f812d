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
/// Everything that decides a run (except the fold): recorded as config.json, and its hash names the run folder, so a
/// changed setting makes a new run and never overwrites an old one. Parents are the run ids this run builds on
/// (e.g. stage 1 on the fine-tuned face net), so a change upstream also makes new runs downstream.
/// </summary>
public sealed record RunConfig
{
    public required string Method { get; init; }
    public required DataRef Data { get; init; }
    public DataRef? ExtraTrainingData { get; init; }
    public required string Profile { get; init; }
    public required int ImageSize { get; init; }
    public required NetworkSize Network { get; init; }
    /// <summary>This method's schedule, warm-up, new-layer rate multiplier and clipping.</summary>
    public required TrainingRecipe Recipe { get; init; }
    public required int BatchSize { get; init; }
    public required double WeightDecay { get; init; }
    public required double Momentum { get; init; }
    public required int Seed { get; init; }
    /// <summary>The face net this run depends on (null for scratch-BN, which uses none).</summary>
    public string? FaceNet { get; init; }
    /// <summary>p of eq. 4 (stage 1 only).</summary>
    public double? RegressionP { get; init; }
    /// <summary>Stage 1 only, and only when true: the teacher's map is standardised (absent from older configs, so their ids stay).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? StandardizeTeacher { get; init; }
    /// <summary>FN2EN stages only, and only when true: ExpNet upsamples before its bridge (absent from older configs, whose nets bridge first).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? UpsampleBeforeBridge { get; init; }
    /// <summary>
    /// Precision and memory format the run trains and evaluates with when not the default (fp32, NCHW): null then, and
    /// left out of config.json, so fp32 runs keep the ids they had before these settings existed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ComputeFormat? Compute { get; init; }
    /// <summary><see cref="Compute"/>, or the default fp32 one.</summary>
    [JsonIgnore]
    public ComputeFormat ComputeOrDefault => Compute ?? ComputeFormat.Fp32;
    public SortedDictionary<string, string> Parents { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>8 hex digits of the SHA-256 of the compact JSON.</summary>
    public string Id()
    {
        var compact = JsonSerializer.Serialize(this, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(compact)))[..8].ToLowerInvariant();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The ExpNet this run trains (scratch-BN, stage 1, FN2EN), from the config alone, so one run id is one network:
    /// batch norm for scratch-BN; the bridge and FC-256 sized to the face net's pool5, or to VGG-16's when the run uses
    /// no face net (scratch-BN, as in the paper); the recorded upsampling layout.
    /// </summary>
    /// <param name="classes">The dataset's expression classes.</param>
    /// <param name="faceNetPool5">The face net's pool5 shape when already known (else <see cref="FaceNets.Pool5Shape"/>, which builds the net).</param>
    public ExpNetOptions ExpNetOptions(int classes, FeatureShape? faceNetPool5 = null) => new()
    {
        Classes = classes, Size = Network, BatchNorm = Method == Methods.ScratchBn,
        Target = FaceNet is { } faceNet ? faceNetPool5 ?? FaceNets.Pool5Shape(faceNet, Network) : null,
        UpsampleBeforeBridge = UpsampleBeforeBridge == true,
    };
}
