using System.IO.Compression;
using System.Text;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// Writes MATLAB level-5 MAT-files (v6 uncompressed or v7 zlib-compressed), following the MAT-File Format document:
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
