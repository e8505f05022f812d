using System.Runtime.InteropServices;
using PureHDF;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// MATLAB v7.3 MAT-files: HDF5 files (after a 512-byte user block holding the MAT header), one dataset per variable,
/// read with PureHDF. HDF5 lists dimensions in row-major order, MATLAB in column-major, so the same bytes describe the
/// array once the dimensions are reversed (an N×H×W MATLAB array is an HDF5 W×H×N dataset).
/// </summary>
public static class MatFileHdf5
{
    /// <summary>The numeric variables <paramref name="names"/> of a v7.3 MAT-file; errors name the file and the variable.</summary>
    public static Dictionary<string, MatArray> Read(string path, params string[] names)
    {
        try
        {
            using var file = H5File.OpenRead(path);
            var present = file.Children().Select(c => c.Name).ToList();
            var found = new Dictionary<string, MatArray>();
            foreach (var name in names)
            {
                if (!present.Contains(name))
                    throw new InvalidDataException($"{path}: no variable '{name}' (the file has: {(present.Count == 0 ? "none" : string.Join(", ", present))}).");
                found[name] = Variable(path, name, file.Dataset(name));
            }
            return found;
        }
        catch (Exception e) when (e is not InvalidDataException || !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a readable MATLAB v7.3 (HDF5) MAT-file ({e.Message}).", e);
        }
    }

    private static MatArray Variable(string path, string name, IH5Dataset dataset)
    {
        var type = dataset.Type;
        var size = type.Size;
        var (storage, @class, bytes) = (type.Class, size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => (MatArray.Storage.Double, MatClass.Double, Bytes(dataset.Read<double[]>())),
            (H5DataTypeClass.FloatingPoint, 4) => (MatArray.Storage.Single, MatClass.Single, Bytes(dataset.Read<float[]>())),
            (H5DataTypeClass.FixedPoint, _) when type.FixedPoint.IsSigned => size switch
            {
                1 => (MatArray.Storage.Int8, MatClass.Int8, Bytes(dataset.Read<sbyte[]>())),
                2 => (MatArray.Storage.Int16, MatClass.Int16, Bytes(dataset.Read<short[]>())),
                4 => (MatArray.Storage.Int32, MatClass.Int32, Bytes(dataset.Read<int[]>())),
                _ => (MatArray.Storage.Int64, MatClass.Int64, Bytes(dataset.Read<long[]>())),
            },
            (H5DataTypeClass.FixedPoint, _) => size switch
            {
                1 => (MatArray.Storage.UInt8, MatClass.UInt8, dataset.Read<byte[]>()),
                2 => (MatArray.Storage.UInt16, MatClass.UInt16, Bytes(dataset.Read<ushort[]>())),
                4 => (MatArray.Storage.UInt32, MatClass.UInt32, Bytes(dataset.Read<uint[]>())),
                _ => (MatArray.Storage.UInt64, MatClass.UInt64, Bytes(dataset.Read<ulong[]>())),
            },
            _ => throw new InvalidDataException($"{path}: variable '{name}' is not a numeric array (HDF5 type {type.Class}, {size} bytes)."),
        };
        var dims = dataset.Space.Dimensions.Reverse().Select(d => checked((int)d)).ToArray();
        return new MatArray(name, @class, dims, storage, bytes, path);
    }

    private static byte[] Bytes<T>(T[] values) where T : struct => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
