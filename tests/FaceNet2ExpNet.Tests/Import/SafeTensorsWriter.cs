using System.Text;
using System.Text.Json;

namespace FaceNet2ExpNet.Tests.Import;

/// <summary>A minimal safetensors writer for tests: header JSON (8-byte length prefix) + raw little-endian data.</summary>
public static class SafeTensorsWriter
{
    public sealed record Entry(string Name, string Dtype, long[] Shape, float[] Values);

    public static void Write(string path, IEnumerable<Entry> entries, Dictionary<string, string>? metadata = null)
    {
        var header = new Dictionary<string, object>();
        if (metadata is not null) header["__metadata__"] = metadata;
        var data = new MemoryStream();
        foreach (var e in entries)
        {
            var begin = data.Length;
            foreach (var v in e.Values)
                data.Write(e.Dtype switch
                {
                    "F32" => BitConverter.GetBytes(v),
                    "F16" => BitConverter.GetBytes((Half)v),
                    "BF16" => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits(v) >> 16)),
                    _ => throw new ArgumentException(e.Dtype),
                });
            header[e.Name] = new { dtype = e.Dtype, shape = e.Shape, data_offsets = new[] { begin, data.Length } };
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((ulong)json.Length));
        file.Write(json);
        data.Position = 0;
        data.CopyTo(file);
    }
}
