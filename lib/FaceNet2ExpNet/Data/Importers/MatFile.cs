using System.IO.Compression;
using System.Text;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// A minimal reader of MATLAB MAT-files, level 5 (the v5/v6/v7 formats; v7 compresses each variable with zlib): numeric
/// arrays only, little-endian, read by name. Enough for TFD's TFD_48x48.mat / TFD_96x96.mat. v7.3 files (HDF5) are
/// handed to <see cref="MatFileHdf5"/>. Errors name the file, the variable and what is wrong.
/// </summary>
public static class MatFile
{
    private const int MiMatrix = 14, MiCompressed = 15, HeaderLength = 128;

    /// <summary>The variables <paramref name="names"/> of the MAT-file at <paramref name="path"/>; a missing one is an error listing those present.</summary>
    public static Dictionary<string, MatArray> Read(string path, params string[] names)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: MAT-file not found.", path);
        Version version;
        using (var probe = File.OpenRead(path)) version = CheckHeader(path, probe);
        if (version == Version.V73) return MatFileHdf5.Read(path, names);
        using var file = File.OpenRead(path);
        var found = new Dictionary<string, MatArray>();
        var present = new List<string>();
        var position = (long)HeaderLength;
        while (position < file.Length)
        {
            if (file.Length - position < 8) throw Truncated(path, position, 8, file.Length - position);
            file.Position = position;
            var reader = new BinaryReader(file, Encoding.ASCII, leaveOpen: true);
            var (type, size) = (reader.ReadUInt32(), reader.ReadUInt32());
            if (size > file.Length - position - 8) throw Truncated(path, position, size, file.Length - position - 8);
            var where = $"{path} (element at byte {position})";
            try
            {
                if (type == MiCompressed)
                {
                    using var zlib = new ZLibStream(file, CompressionMode.Decompress, leaveOpen: true);
                    var inner = new BinaryReader(zlib);
                    var (innerType, _) = (inner.ReadUInt32(), inner.ReadUInt32());
                    if (innerType == MiMatrix) Collect(ReadMatrix(inner, names, where, present), found);
                }
                else if (type == MiMatrix && size > 0) Collect(ReadMatrix(reader, names, where, present), found);
            }
            catch (Exception e) when (e is EndOfStreamException or InvalidDataException && !e.Message.StartsWith(path, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{where}: truncated or corrupt ({e.Message}).", e);
            }
            position += 8 + size;
            if (type != MiCompressed) position += Padding(size);
        }
        foreach (var name in names)
            if (!found.ContainsKey(name))
                throw new InvalidDataException($"{path}: no variable '{name}' (the file has: {(present.Count == 0 ? "none" : Imaging.SafeText.Escape(string.Join(", ", present), 200))}).");
        return found;
    }

    private enum Version { V5, V73 }

    private static Version CheckHeader(string path, FileStream file)
    {
        var header = new byte[HeaderLength];
        if (file.Read(header, 0, HeaderLength) < HeaderLength)
            throw new InvalidDataException($"{path}: {file.Length} bytes, too short to be a MAT-file (its header alone is 128 bytes).");
        var text = Encoding.ASCII.GetString(header, 0, 116).TrimEnd('\0', ' ');
        if (!text.StartsWith("MATLAB", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: not a MATLAB MAT-file (no 'MATLAB' header text; v5, v7 and v7.3 files can be read, v4 files cannot).");
        var version = BitConverter.ToUInt16(header, 124);
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal) || version == 0x0200) return Version.V73;   // HDF5 after a 512-byte user block
        if (header[126] == 'M' && header[127] == 'I')
            throw new InvalidDataException($"{path}: a big-endian MAT-file; only little-endian files can be read (re-save it on a PC).");
        if (header[126] != 'I' || header[127] != 'M')
            throw new InvalidDataException($"{path}: bad MAT-file endian indicator (expected 'IM' at bytes 126–127).");
        return Version.V5;
    }

    /// <summary>Reads the body of a miMATRIX element: flags, dimensions, name, then (if wanted) the real part.</summary>
    private static MatArray? ReadMatrix(BinaryReader r, string[] wanted, string where, List<string> present)
    {
        var flags = ReadElement(r, where, "array flags");
        var dimsBytes = ReadElement(r, where, "dimensions");
        var name = Encoding.ASCII.GetString(ReadElement(r, where, "array name").Data);
        present.Add(name);
        if (!wanted.Contains(name)) return null;
        var raw = BitConverter.ToUInt32(flags.Data, 0);
        var @class = (int)(raw & 0xFF);
        if (!Enum.IsDefined(typeof(MatClass), @class))
            throw new InvalidDataException($"{where}: variable {Imaging.SafeText.Quote(name)} is not a numeric array (MATLAB class code {@class}).");
        if ((raw & 0x0800) != 0) throw new InvalidDataException($"{where}: variable {Imaging.SafeText.Quote(name)} is complex; expected real values.");
        var dims = new int[dimsBytes.Data.Length / 4];
        for (var i = 0; i < dims.Length; i++) dims[i] = BitConverter.ToInt32(dimsBytes.Data, 4 * i);
        var real = ReadElement(r, where, $"values of '{name}'", skipPadding: false);
        return new MatArray(name, (MatClass)@class, dims, (MatArray.Storage)real.Type, real.Data, where);
    }

    /// <summary>One data element: the 8-byte tag (or the 4-byte "small element" form) and its bytes.</summary>
    private static (int Type, byte[] Data) ReadElement(BinaryReader r, string where, string what, bool skipPadding = true)
    {
        var first = r.ReadUInt32();
        if (first >> 16 != 0)   // small data element: size and type share the first 4 bytes, data fills the next 4
        {
            var small = r.ReadBytes(4);
            if (small.Length < 4) throw new EndOfStreamException($"end of data inside the {what}");
            return ((int)(first & 0xFFFF), small[..(int)(first >> 16)]);
        }
        var size = r.ReadUInt32();
        if (size > int.MaxValue) throw new InvalidDataException($"{where}: the {what} declare {size} bytes, more than this reader handles.");
        var data = new byte[size];
        r.BaseStream.ReadExactly(data);
        if (skipPadding && Padding(size) > 0) r.ReadBytes(Padding(size));
        return ((int)first, data);
    }

    private static void Collect(MatArray? array, Dictionary<string, MatArray> found)
    {
        if (array is not null) found[array.Name] = array;
    }

    private static int Padding(long size) => (int)((8 - size % 8) % 8);

    private static InvalidDataException Truncated(string path, long position, long needed, long left) =>
        new($"{path}: truncated MAT-file: the element at byte {position} needs {needed} bytes, only {Math.Max(0, left)} remain.");
}
