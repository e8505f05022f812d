using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>
/// A TFD_48x48.mat-shaped file with N = 24 images of 8×8: images (N×8×8 uint8, pixel (n, y, x) = 7n + 3y + 11x mod 256,
/// so transposition would show), labs_ex (double; -1 and 0 mark 5 unlabelled rows), labs_id (double stored as int16),
/// folds (N×5 uint8: 0 unused, 1 train, 2 valid, 3 test; one labelled row in no fold).
/// </summary>
public sealed class TfdFile : IDisposable
{
    public const int N = 24, Side = 8, Splits = 5;
    public static readonly int[] Unlabelled = [3, 10, 15, 16, 23];   // 0-based rows
    public const int InNoFold = 20;

    private readonly TempDir dir = new();
    public string Folder => dir["TFD"];
    public string Path48 => System.IO.Path.Combine(Folder, "TFD_48x48.mat");
    public string Data => dir["data"];

    public static byte Pixel(int n, int y, int x) => (byte)((7 * n + 3 * y + 11 * x) % 256);
    public static double Label(int n) => Unlabelled.Contains(n) ? (n % 2 == 0 ? -1 : 0) : 1 + n % 7;
    public static double Identity(int n) => Unlabelled.Contains(n) ? -1 : 100 + n / 3;

    /// <summary>Role code of row n in split k: rows cycle through test, valid, train, train, train as k moves.</summary>
    public static int Fold(int n, int k) => Unlabelled.Contains(n) || n == InNoFold ? 0 : ((n + k) % 5) switch { 0 => 3, 1 => 2, _ => 1 };

    /// <summary>MAT-file formats: v6 (plain level 5), v7 (zlib-compressed level 5), v7.3 (HDF5).</summary>
    public enum Format { V6, V7, V73 }

    public TfdFile(Format format = Format.V7)
    {
        Directory.CreateDirectory(Folder);
        Write(Path48, format);
    }

    public static void Write(string path, Format format)
    {
        var images = new byte[N * Side * Side];
        for (var n = 0; n < N; n++)
        for (var y = 0; y < Side; y++)
        for (var x = 0; x < Side; x++)
            images[n + N * (y + Side * x)] = Pixel(n, y, x);   // MATLAB: column-major
        var folds = new byte[N * Splits];
        for (var n = 0; n < N; n++)
        for (var k = 0; k < Splits; k++)
            folds[n + N * k] = (byte)Fold(n, k);
        MatWriter.Variable[] variables =
        [
            MatWriter.UInt8("images", [N, Side, Side], images),
            MatWriter.Double("labs_ex", [N, 1], [.. Enumerable.Range(0, N).Select(Label)]),
            MatWriter.Double("labs_id", [N, 1], [.. Enumerable.Range(0, N).Select(Identity)], storage: 3),
            MatWriter.UInt8("folds", [N, Splits], folds),
        ];
        if (format == Format.V73) MatWriter.WriteV73(path, variables);
        else MatWriter.Write(path, compress: format == Format.V7, variables);
    }

    public void Dispose() => dir.Dispose();
}
