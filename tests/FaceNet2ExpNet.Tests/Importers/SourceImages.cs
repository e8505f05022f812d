using StbImageWriteSharp;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>Small source images for the fixture trees: uniform colours (they survive crop + resize exactly), grey or RGB, PNG or JPEG.</summary>
public static class SourceImages
{
    public const int Width = 24, Height = 20;

    /// <summary>A uniform image; grey when r = g = b and <paramref name="grey"/> is set (stored with one channel, as CK+'s grey frames are).</summary>
    public static void Write(string path, byte r, byte g, byte b, bool grey = false, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        var writer = new ImageWriter();
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var (data, components) = grey
            ? (Enumerable.Repeat(r, width * height).ToArray(), ColorComponents.Grey)
            : (Enumerable.Range(0, width * height).SelectMany(_ => new[] { r, g, b }).ToArray(), ColorComponents.RedGreenBlue);
        if (ext is ".jpg" or ".jpeg") writer.WriteJpg(data, width, height, components, stream, 95);
        else writer.WritePng(data, width, height, components, stream);
    }

    /// <summary>The files collected by copying datasets around: Windows thumbnails, macOS folder metadata and "._" resource forks.</summary>
    public static void Litter(string folder, string? imageName = null)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Thumbs.db"), "not an image");
        File.WriteAllText(Path.Combine(folder, ".DS_Store"), "not an image");
        if (imageName is not null) File.WriteAllText(Path.Combine(folder, "._" + imageName), "AppleDouble, not an image");
    }

    /// <summary>First pixel (R, G, B) of a written PNG.</summary>
    public static (byte R, byte G, byte B) FirstPixel(string path)
    {
        var rgb = FaceNet2ExpNet.Data.ImageDecoder.Decode(path);
        return (rgb.Pixels[0], rgb.Pixels[1], rgb.Pixels[2]);
    }

    /// <summary>Everything under a folder (files and folders), for "nothing half-written was left" checks.</summary>
    public static string[] Entries(string folder) =>
        Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories) : [];
}
