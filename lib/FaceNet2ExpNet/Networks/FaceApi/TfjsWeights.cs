using System.Text.Json;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// Reads a TensorFlow.js weight manifest (<c>*-weights_manifest.json</c> + its <c>.bin</c> shards), as face-api ships its
/// models, or the <c>weightsManifest</c> inside a graph/layers model's <c>model.json</c> (as Human ships faceres): groups of shards whose concatenated bytes hold the weights in manifest order, each float32, int32, or
/// quantised (uint8/uint16 with <c>value = q·scale + min</c>, or float16). Values are kept in TF's layout
/// (convolutions [kh, kw, in, out]); <see cref="Conv"/>, <see cref="Depthwise"/> and <see cref="Dense"/> give torch's.
/// </summary>
public sealed class TfjsWeights
{
    private readonly Dictionary<string, (long[] Shape, float[] Values)> weights;

    /// <summary>The manifest file the weights came from (named in error messages).</summary>
    public string Source { get; }
    /// <summary>Weight names in manifest order.</summary>
    public IReadOnlyList<string> Names { get; }

    private TfjsWeights(string source, List<(string Name, long[] Shape, float[] Values)> entries)
    {
        Source = source;
        Names = entries.Select(e => e.Name).ToList();
        weights = entries.ToDictionary(e => e.Name, e => (e.Shape, e.Values));
    }

    /// <summary>
    /// Loads a manifest (a weight manifest file, or a model.json whose <c>weightsManifest</c> it reads) and its shards
    /// (found next to it); every shard byte must be accounted for.
    /// </summary>
    public static TfjsWeights Load(string manifestPath)
    {
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"{manifestPath}: weight manifest not found.", manifestPath);
        var dir = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        TfjsManifest.Group[] groups;
        try { groups = TfjsManifest.Groups(File.ReadAllText(manifestPath)); }
        catch (JsonException e) { throw new InvalidDataException($"{manifestPath}: not a TFJS weight manifest or model.json ({e.Message}).", e); }

        var entries = new List<(string, long[], float[])>();
        foreach (var group in groups)
        {
            var bytes = group.Paths.SelectMany(p => ReadShard(manifestPath, Path.Combine(dir, p))).ToArray();
            var offset = 0;
            foreach (var w in group.Weights)
            {
                var count = w.Shape.Aggregate(1L, (a, b) => a * b);
                var size = checked((int)(count * TfjsManifest.BytesPerValue(w, manifestPath)));
                if (offset + size > bytes.Length)
                    throw new InvalidDataException($"{manifestPath}: weight '{w.Name}' needs bytes {offset}–{offset + size} but the shards " +
                                                   $"{string.Join(", ", group.Paths)} hold only {bytes.Length}.");
                entries.Add((w.Name, w.Shape, TfjsManifest.Decode(w, bytes.AsSpan(offset, size), manifestPath)));
                offset += size;
            }
            if (offset != bytes.Length)
                throw new InvalidDataException($"{manifestPath}: shards {string.Join(", ", group.Paths)} hold {bytes.Length} bytes, " +
                                               $"the manifest accounts for {offset}.");
        }
        return new TfjsWeights(manifestPath, entries);
    }

    private static byte[] ReadShard(string manifest, string path) =>
        File.Exists(path) ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"{manifest}: weight shard {Path.GetFileName(path)} is missing (expected {path}).", path);

    /// <summary>A weight in TF layout, checked against the shape the caller expects.</summary>
    public Tensor Get(string name, params long[] shape)
    {
        if (!weights.TryGetValue(name, out var w))
            throw new InvalidDataException($"{Source}: no weight named '{name}' (it has {string.Join(", ", Names.Take(6))}{(Names.Count > 6 ? ", …" : "")}).");
        if (!w.Shape.SequenceEqual(shape))
            throw new InvalidDataException($"{Source}: weight '{name}' has shape [{string.Join(", ", w.Shape)}], expected [{string.Join(", ", shape)}].");
        return tensor(w.Values, w.Shape);
    }

    /// <summary>A conv filter [kh, kw, in, out] as torch's [out, in, kh, kw].</summary>
    public Tensor Conv(string name, long kernel, long inChannels, long outChannels) =>
        Get(name, kernel, kernel, inChannels, outChannels).permute(3, 2, 0, 1).contiguous();

    /// <summary>A depthwise filter [kh, kw, channels, 1] as torch's grouped-conv weight [channels, 1, kh, kw].</summary>
    public Tensor Depthwise(string name, long kernel, long channels) =>
        Get(name, kernel, kernel, channels, 1).permute(2, 3, 0, 1).contiguous();

    /// <summary>A dense matrix [in, out] (used as x·W) as torch's Linear weight [out, in].</summary>
    public Tensor Dense(string name, long inFeatures, long outFeatures) =>
        Get(name, inFeatures, outFeatures).t().contiguous();

    /// <summary>A 1-d vector (bias, scale).</summary>
    public Tensor Vector(string name, long length) => Get(name, length);
}
