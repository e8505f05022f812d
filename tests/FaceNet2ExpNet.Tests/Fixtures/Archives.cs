using System.Formats.Tar;
using System.IO.Compression;

namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>Archives as users receive them: zip, tar (as Windows tools leave it, often without extension) and .tar.gz.</summary>
public static class Archives
{
    /// <summary>An archive of <paramref name="kind"/> ("zip", "tar", "tar.gz") at <paramref name="path"/> holding <paramref name="file"/>.</summary>
    public static void Write(string path, string kind, string file)
    {
        if (kind == "zip")
        {
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            zip.CreateEntryFromFile(file, Path.GetFileName(file));
            return;
        }
        using var stream = File.Create(path);
        using Stream target = kind == "tar.gz" ? new GZipStream(stream, CompressionLevel.Fastest) : stream;
        using var tar = new TarWriter(target);
        tar.WriteEntry(file, "fer2013/" + Path.GetFileName(file));
    }
}
