using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks.Import;

/// <summary>
/// Reads a safetensors file (huggingface/safetensors: an 8-byte little-endian header length, a JSON header
/// <c>{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}</c>, then the raw little-endian
/// tensor bytes). F32, F16 and BF16 tensors are returned as float32; every offset and size is checked against the file.
/// </summary>
public sealed class SafeTensors
{
    /// <summary>The file read (named in every error).</summary>
    public string Path { get; }
    /// <summary>The header's free-form string metadata (<c>__metadata__</c>; empty if none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }
    /// <summary>Tensor names → dtype and shape, in header order.</summary>
    public IReadOnlyDictionary<string, (string Dtype, long[] Shape)> Entries { get; }

    private readonly Dictionary<string, (long Begin, long End)> offsets;
    private readonly long dataStart;

    private SafeTensors(string path, Dictionary<string, string> metadata, Dictionary<string, (string, long[])> entries,
        Dictionary<string, (long, long)> offsets, long dataStart)
    {
        (Path, Metadata, Entries, this.offsets, this.dataStart) = (path, metadata, entries, offsets, dataStart);
    }

    /// <summary>Reads and validates the header; tensor bytes are read on demand by <see cref="Get"/>.</summary>
    public static SafeTensors Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: safetensors file not found.", path);
        var length = new FileInfo(path).Length;
        using var file = File.OpenRead(path);
        Span<byte> prefix = stackalloc byte[8];
        if (length < 8 || file.Read(prefix) != 8) throw Bad(path, "shorter than the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > 100_000_000 || 8 + (long)headerLength > length)
            throw Bad(path, $"header length {headerLength} does not fit the {length}-byte file");
        var header = new byte[headerLength];
        file.ReadExactly(header);

        var metadata = new Dictionary<string, string>();
        var entries = new Dictionary<string, (string, long[])>();
        var offsets = new Dictionary<string, (long, long)>();
        var dataLength = length - 8 - (long)headerLength;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' '));
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__")
                {
                    foreach (var m in p.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                    continue;
                }
                var dtype = p.Value.GetProperty("dtype").GetString()!;
                var shape = p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var range = p.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var expected = shape.Aggregate(1L, (a, b) => a * b) * BytesPer(dtype, path, p.Name);
                if (range.Length != 2 || range[0] < 0 || range[1] > dataLength || range[1] - range[0] != expected)
                    throw Bad(path, $"tensor '{p.Name}' ({dtype} [{string.Join(", ", shape)}], {expected} bytes) has data_offsets " +
                                    $"[{string.Join(", ", range)}] outside or inconsistent with the {dataLength}-byte data section");
                entries[p.Name] = (dtype, shape);
                offsets[p.Name] = (range[0], range[1]);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Bad(path, $"malformed header ({e.Message})");
        }
        return new SafeTensors(path, metadata, entries, offsets, 8 + (long)headerLength);
    }

    /// <summary>One tensor as float32 (converted from F16/BF16).</summary>
    public Tensor Get(string name)
    {
        if (!Entries.TryGetValue(name, out var e)) throw new InvalidDataException($"{Path}: no tensor named '{name}'.");
        var (begin, end) = offsets[name];
        var bytes = new byte[end - begin];
        using (var handle = File.OpenHandle(Path)) RandomAccess.Read(handle, bytes, dataStart + begin);
        var values = new float[bytes.Length / BytesPer(e.Dtype, Path, name)];
        for (var i = 0; i < values.Length; i++)
            values[i] = e.Dtype switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i)),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(2 * i)),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i)) << 16),   // BF16
            };
        return tensor(values, e.Shape);
    }

    private static int BytesPer(string dtype, string path, string name) => dtype switch
    {
        "F32" => 4,
        "F16" or "BF16" => 2,
        _ => throw Bad(path, $"tensor '{name}' has dtype {dtype}; only F32, F16 and BF16 weights can be imported"),
    };

    private static InvalidDataException Bad(string path, string what) => new($"{path}: not a valid safetensors file: {what}.");
}
