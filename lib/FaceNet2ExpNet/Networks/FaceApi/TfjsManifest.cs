using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// The TFJS weight-manifest format (tfjs-core io/types: WeightsManifestConfig) and the decoding of one weight's bytes,
/// with the same arithmetic as tfjs-core's <c>decodeWeight</c> (dequantised in double precision, stored as float32).
/// </summary>
public static class TfjsManifest
{
    /// <summary>One manifest group: shard files and the weights their concatenated bytes hold, in order.</summary>
    public sealed record Group(string[] Paths, Weight[] Weights);

    /// <summary>One weight: name, shape, dtype ("float32" or "int32") and optional quantisation.</summary>
    public sealed record Weight(string Name, long[] Shape, string Dtype, Quantization? Quantization);

    /// <summary>uint8/uint16 affine quantisation (value = q·Scale + Min) or float16.</summary>
    public sealed record Quantization(string Dtype, double? Scale, double? Min);

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>
    /// The groups of a weight manifest (a JSON array, face-api's <c>*-weights_manifest.json</c>) or of the
    /// <c>weightsManifest</c> member of a graph/layers model's model.json (tfjs-converter's output, e.g. Human's faceres.json).
    /// </summary>
    /// <exception cref="JsonException">Neither form.</exception>
    public static Group[] Groups(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
            root = root.TryGetProperty("weightsManifest", out var manifest) ? manifest
                : throw new JsonException("a JSON object without a 'weightsManifest' member");
        return root.Deserialize<Group[]>(Json) ?? [];
    }

    /// <summary>Bytes per stored value of a weight.</summary>
    public static int BytesPerValue(Weight w, string source) => w.Quantization?.Dtype switch
    {
        null => w.Dtype is "float32" or "int32" ? 4
            : throw new InvalidDataException($"{source}: weight '{w.Name}' has dtype '{w.Dtype}'; only float32 and int32 are supported."),
        "uint8" => 1,
        "uint16" or "float16" => 2,
        var q => throw new InvalidDataException($"{source}: weight '{w.Name}' has unknown quantization dtype '{q}' (expected uint8, uint16 or float16)."),
    };

    /// <summary>The float values of one weight from its bytes (little-endian, as TFJS writes them).</summary>
    public static float[] Decode(Weight w, ReadOnlySpan<byte> bytes, string source)
    {
        var q = w.Quantization;
        var n = bytes.Length / BytesPerValue(w, source);
        var values = new float[n];
        if (q is null)
        {
            for (var i = 0; i < n; i++)
                values[i] = w.Dtype == "int32"
                    ? BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..])
                    : BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
            return values;
        }
        if (q.Dtype == "float16")
        {
            for (var i = 0; i < n; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
            return values;
        }
        if (q.Scale is not { } scale || q.Min is not { } min)
            throw new InvalidDataException($"{source}: weight '{w.Name}' is {q.Dtype}-quantised but has no scale and min.");
        for (var i = 0; i < n; i++)
        {
            double v = q.Dtype == "uint8" ? bytes[i] : BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
            var value = v * scale + min;
            values[i] = w.Dtype == "int32" ? (float)Math.Floor(value + 0.5) : (float)value;   // int32: JS Math.round
        }
        return values;
    }
}
