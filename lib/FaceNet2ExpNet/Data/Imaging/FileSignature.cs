using System.IO.Compression;
using System.Text;

namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>What a file's first bytes say it is.</summary>
public enum FileKind
{
    /// <summary>An image format <see cref="ImageDecoder"/> decodes.</summary>
    Image,
    /// <summary>An image format it does not decode (HEIC, AVIF, JPEG 2000, …): the message says to convert it.</summary>
    UnsupportedImage,
    /// <summary>A compressed or archive file (zip, tar, gzip, 7z, rar, …): the message says to unpack it.</summary>
    Archive,
    /// <summary>Anything else (text, unknown binary, empty).</summary>
    Other,
}

/// <summary>A file's type by content: <see cref="Name"/> is what messages call it ("PNG", "gzip-compressed tar archive").</summary>
public sealed record FileSignature(FileKind Kind, string Name)
{
    /// <summary>Bytes read to recognise a file (a tar header's "ustar" sits at offset 257).</summary>
    public const int HeadLength = 512;

    public bool IsImage => Kind == FileKind.Image;

    /// <summary>"a zip archive", "an empty file": the name with its indefinite article, for messages.</summary>
    public string WithArticle => ("aeiou".Contains(char.ToLowerInvariant(Name[0])) ? "an " : "a ") + Name;

    /// <summary>The signature of the file at <paramref name="path"/> (its first <see cref="HeadLength"/> bytes).</summary>
    public static FileSignature Of(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[HeadLength];
        var n = stream.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
        var signature = Of(head.AsSpan(0, n));
        if (signature.Name != "gzip-compressed file") return signature;
        stream.Position = 0;
        return IsTar(Gunzip(stream)) ? signature with { Name = "gzip-compressed tar archive (.tar.gz)" } : signature;
    }

    /// <summary>The signature of a file starting with <paramref name="head"/> (gzip contents are not looked into).</summary>
    public static FileSignature Of(ReadOnlySpan<byte> head)
    {
        if (Bytes(head, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A)) return new(FileKind.Image, "PNG");
        if (Bytes(head, 0xFF, 0xD8, 0xFF)) return new(FileKind.Image, "JPEG");
        if (At(head, 0, "GIF87a") || At(head, 0, "GIF89a")) return new(FileKind.Image, "GIF");
        if (At(head, 0, "BM") && head.Length >= 26) return new(FileKind.Image, "BMP");
        if (At(head, 0, "II*\0") || At(head, 0, "MM\0*")) return new(FileKind.Image, "TIFF");
        if (At(head, 0, "RIFF") && At(head, 8, "WEBP")) return new(FileKind.Image, "WebP");
        if (head.Length >= 3 && head[0] == 'P' && head[1] is (byte)'5' or (byte)'6' && head[2] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            return new(FileKind.Image, "Netpbm (PGM/PPM)");

        if (At(head, 4, "ftyp") && (At(head, 8, "heic") || At(head, 8, "heix") || At(head, 8, "mif1") || At(head, 8, "msf1") || At(head, 8, "hevc")))
            return new(FileKind.UnsupportedImage, "HEIC/HEIF image");
        if (At(head, 4, "ftyp") && (At(head, 8, "avif") || At(head, 8, "avis"))) return new(FileKind.UnsupportedImage, "AVIF image");
        if (Bytes(head, 0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P') || Bytes(head, 0xFF, 0x4F, 0xFF, 0x51)) return new(FileKind.UnsupportedImage, "JPEG 2000 image");
        if (At(head, 0, "8BPS")) return new(FileKind.UnsupportedImage, "Photoshop document");
        if (Bytes(head, 0xFF, 0x0A) || At(head, 0, "\0\0\0\x0CJXL ")) return new(FileKind.UnsupportedImage, "JPEG XL image");

        if (At(head, 0, "PK\x03\x04") || At(head, 0, "PK\x05\x06")) return new(FileKind.Archive, "zip archive");
        if (Bytes(head, 0x1F, 0x8B)) return new(FileKind.Archive, "gzip-compressed file");
        if (IsTar(head)) return new(FileKind.Archive, "tar archive");
        if (Bytes(head, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C)) return new(FileKind.Archive, "7-Zip archive");
        if (At(head, 0, "Rar!\x1A\x07")) return new(FileKind.Archive, "RAR archive");
        if (At(head, 0, "BZh")) return new(FileKind.Archive, "bzip2-compressed file");
        if (Bytes(head, 0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00)) return new(FileKind.Archive, "xz-compressed file");
        if (Bytes(head, 0x28, 0xB5, 0x2F, 0xFD)) return new(FileKind.Archive, "zstd-compressed file");

        if (At(head, 0, "%PDF")) return new(FileKind.Other, "PDF document");
        if (head.Length == 0) return new(FileKind.Other, "empty file");
        return new(FileKind.Other, LooksLikeText(head) ? "text file" : "binary file of unknown type");
    }

    /// <summary>True when the bytes hold no NUL and few other control characters (UTF-8 or Latin-1 text).</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0) return false;
            if (b < 32 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C)) control++;
        }
        return control * 20 <= head.Length;
    }

    private static bool At(ReadOnlySpan<byte> head, int offset, string ascii) =>
        head.Length >= offset + ascii.Length && head.Slice(offset, ascii.Length).SequenceEqual(Encoding.Latin1.GetBytes(ascii));

    private static bool Bytes(ReadOnlySpan<byte> head, params byte[] b) => head.StartsWith(b);

    private static bool IsTar(ReadOnlySpan<byte> head) =>
        head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8);

    private static byte[] Gunzip(Stream stream)
    {
        try
        {
            using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            var buffer = new byte[HeadLength];
            var n = gz.ReadAtLeast(buffer, HeadLength, throwOnEndOfStream: false);
            return buffer[..n];
        }
        catch (InvalidDataException) { return []; }
    }
}
