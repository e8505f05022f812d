using System.Buffers.Binary;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>MATLAB array classes of numeric arrays (the mxCLASS codes of the MAT-file format).</summary>
public enum MatClass
{
    Double = 6, Single = 7, Int8 = 8, UInt8 = 9, Int16 = 10, UInt16 = 11, Int32 = 12, UInt32 = 13, Int64 = 14, UInt64 = 15,
}

/// <summary>
/// One numeric variable of a MAT-file: its MATLAB class, its dimensions, and its values in MATLAB's column-major order
/// (element (i, j, k) of an I×J×K array is at i + I·(j + J·k)). Values are kept as stored (MATLAB may store a double
/// array as uint8 when its values fit) and read through <see cref="this[long]"/> or <see cref="ToBytes"/>.
/// </summary>
public sealed class MatArray
{
    /// <summary>Storage types of the MAT-file format (miINT8 … miUINT64) and their element sizes.</summary>
    internal enum Storage { Int8 = 1, UInt8 = 2, Int16 = 3, UInt16 = 4, Int32 = 5, UInt32 = 6, Single = 7, Double = 9, Int64 = 12, UInt64 = 13 }

    private readonly Storage stored;
    private readonly byte[] data;
    private readonly int width;

    public string Name { get; }
    public MatClass Class { get; }
    public IReadOnlyList<int> Dimensions { get; }
    public long Count { get; }

    internal MatArray(string name, MatClass @class, int[] dimensions, Storage stored, byte[] data, string where)
    {
        (Name, Class, Dimensions, this.stored, this.data) = (name, @class, dimensions, stored, data);
        width = Width(stored) ?? throw new InvalidDataException($"{where}: variable '{name}' has values of unknown storage type {(int)stored}.");
        Count = dimensions.Aggregate(1L, (a, d) => a * d);
        if (data.Length != Count * width)
            throw new InvalidDataException($"{where}: variable '{name}' ({string.Join("×", dimensions)}) holds {data.Length / width} values, expected {Count}.");
    }

    /// <summary>Value at column-major position <paramref name="index"/>, as a double.</summary>
    public double this[long index]
    {
        get
        {
            var s = data.AsSpan((int)(index * width), width);
            return stored switch
            {
                Storage.Int8 => (sbyte)s[0],
                Storage.UInt8 => s[0],
                Storage.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s),
                Storage.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
                Storage.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
                Storage.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(s),
                Storage.Single => BinaryPrimitives.ReadSingleLittleEndian(s),
                Storage.Double => BinaryPrimitives.ReadDoubleLittleEndian(s),
                Storage.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(s),
            };
        }
    }

    /// <summary>Value at (row, column) of a 2-D array.</summary>
    public double this[int row, int column] => this[row + (long)Dimensions[0] * column];

    /// <summary>All values as bytes (pixels): the stored bytes for uint8 storage, else converted, each checked to be an integer 0…255.</summary>
    public byte[] ToBytes(string where)
    {
        if (stored == Storage.UInt8) return data;
        var bytes = new byte[Count];
        for (long i = 0; i < Count; i++)
        {
            var v = this[i];
            if (v is < 0 or > 255 || v != Math.Floor(v))
                throw new InvalidDataException($"{where}: variable '{Name}' value {v} at element {i + 1} is not a pixel value 0…255.");
            bytes[i] = (byte)v;
        }
        return bytes;
    }

    internal static int? Width(Storage s) => s switch
    {
        Storage.Int8 or Storage.UInt8 => 1,
        Storage.Int16 or Storage.UInt16 => 2,
        Storage.Int32 or Storage.UInt32 or Storage.Single => 4,
        Storage.Double or Storage.Int64 or Storage.UInt64 => 8,
        _ => null,
    };
}
