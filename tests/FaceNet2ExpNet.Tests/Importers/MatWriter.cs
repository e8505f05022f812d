using System.IO.Compression;
using System.Text;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// Writes MATLAB level-5 MAT-files (v6 uncompressed or v7 zlib-compressed), following the MAT-File Format document
/// (and v7.3 files, which are HDF5):
/// 128-byte header, then one miMATRIX element per variable (flags, dimensions, name, real part), 8-byte aligned;
/// names of up to 4 bytes use the small-element form, as MATLAB writes them. Test fixtures only.
/// </summary>
public static class MatWriter
{
    /// <summary>A variable: class, dimensions, storage type code (miUINT8 = 2, miINT16 = 3, miDOUBLE = 9, …) and column-major bytes.</summary>
    public sealed record Variable(string Name, MatClass Class, int[] Dimensions, int Storage, byte[] Data);

    public static Variable UInt8(string name, int[] dims, byte[] columnMajor) => new(name, MatClass.UInt8, dims, 2, columnMajor);

    /// <summary>A double array stored as miDOUBLE, or compactly (as MATLAB does when the values fit) as miINT16 = 3 / miUINT8 = 2.</summary>
    public static Variable Double(string name, int[] dims, double[] columnMajor, int storage = 9)
    {
        using var bytes = new MemoryStream();
        using var w = new BinaryWriter(bytes);
        foreach (var v in columnMajor)
            switch (storage)
            {
                case 9: w.Write(v); break;
                case 3: w.Write((short)v); break;
                case 2: w.Write((byte)v); break;
                default: throw new ArgumentException($"storage {storage}");
            }
        w.Flush();
        return new(name, MatClass.Double, dims, storage, bytes.ToArray());
    }

    public static void Write(string path, bool compress, params Variable[] variables)
    {
        using var file = File.Create(path);
        var text = $"MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024".PadRight(116);
        file.Write(Encoding.ASCII.GetBytes(text));
        file.Write(new byte[8]);                 // subsystem data offset
        file.Write(BitConverter.GetBytes((ushort)0x0100));
        file.Write("IM"u8);
        foreach (var v in variables)
        {
            var matrix = Matrix(v);
            if (!compress) { file.Write(matrix); continue; }
            using var packed = new MemoryStream();
            using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(matrix);
            file.Write(Tag(15, (int)packed.Length));
            file.Write(packed.ToArray());        // compressed elements are not padded
        }
    }

    /// <summary>
    /// A MATLAB v7.3 MAT-file: an HDF5 file (PureHDF) after a 512-byte user block that starts with the MAT header text;
    /// one deflate-compressed, chunked dataset per variable with its dimensions reversed (HDF5 is row-major) and a
    /// MATLAB_class attribute.
    /// </summary>
    public static void WriteV73(string path, params Variable[] variables)
    {
        var file = new PureHDF.H5File();
        foreach (var v in variables)
        {
            object data = v.Class switch
            {
                MatClass.UInt8 => v.Data,
                MatClass.Double => Doubles(v),
                _ => throw new ArgumentException($"class {v.Class}"),
            };
            var dims = v.Dimensions.Reverse().Select(d => (ulong)d).ToArray();
            var chunks = dims.Select(d => (uint)Math.Min(d, 5UL)).ToArray();   // chunked + deflate, as MATLAB writes v7.3
            file[v.Name] = new PureHDF.H5Dataset(data, chunks: chunks, fileDims: dims)
            {
                Attributes = new() { ["MATLAB_class"] = v.Class == MatClass.UInt8 ? "uint8" : "double" },
            };
        }
        file.Write(path, new PureHDF.H5WriteOptions(UserBlockSize: 512, Filters: [PureHDF.Filters.DeflateFilter.Id]));
        using var stream = File.OpenWrite(path);
        stream.Write(Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .".PadRight(116)));
        stream.Write(new byte[8]);
        stream.Write([0x00, 0x02, (byte)'I', (byte)'M']);
    }

    private static double[] Doubles(Variable v)
    {
        var width = v.Storage switch { 9 => 8, 3 => 2, 2 => 1, _ => throw new ArgumentException($"storage {v.Storage}") };
        return [.. Enumerable.Range(0, v.Data.Length / width).Select(i => v.Storage switch
        {
            9 => BitConverter.ToDouble(v.Data, 8 * i),
            3 => BitConverter.ToInt16(v.Data, 2 * i),
            _ => (double)v.Data[i],
        })];
    }

    private static byte[] Matrix(Variable v)
    {
        using var body = new MemoryStream();
        body.Write(Element(6, [.. BitConverter.GetBytes((uint)v.Class), .. new byte[4]]));
        body.Write(Element(5, v.Dimensions.SelectMany(BitConverter.GetBytes).ToArray()));
        body.Write(Element(1, Encoding.ASCII.GetBytes(v.Name)));
        body.Write(Element(v.Storage, v.Data));
        return [.. Tag(14, (int)body.Length), .. body.ToArray()];
    }

    private static byte[] Element(int type, byte[] data)
    {
        if (data.Length is > 0 and <= 4)   // small data element
            return [.. BitConverter.GetBytes((uint)(data.Length << 16 | type)), .. data, .. new byte[4 - data.Length]];
        return [.. Tag(type, data.Length), .. data, .. new byte[(8 - data.Length % 8) % 8]];
    }

    private static byte[] Tag(int type, int size) => [.. BitConverter.GetBytes(type), .. BitConverter.GetBytes(size)];
}
