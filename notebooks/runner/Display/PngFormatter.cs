namespace FaceNet2ExpNet.Notebooks.Display;

/// <summary>
/// PNG pictures: raw PNG bytes, or any object shaped like FaceNet2ExpNet.Reporting.PngImage (a type named PngImage
/// with a byte[] Bytes property), matched by shape so the runner needs no reference to the library.
/// </summary>
public static class PngFormatter
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The base64 image/png payload, or null when the value is not a PNG picture.</summary>
    public static string? TryBase64(object value)
    {
        var bytes = value switch
        {
            byte[] raw when IsPng(raw) => raw,
            _ when value.GetType().Name == "PngImage" => value.GetType().GetProperty("Bytes")?.GetValue(value) as byte[],
            _ => null,
        };
        return bytes is null ? null : Convert.ToBase64String(bytes);
    }

    /// <summary>True when the bytes start with the PNG signature.</summary>
    public static bool IsPng(byte[] bytes) => bytes.AsSpan().StartsWith(Signature);
}
