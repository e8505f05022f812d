using System.Text.RegularExpressions;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// Walking a dataset as distributed: finds its expected folders (also one level down, as archives often unpack into a
/// folder of their own), lists images while ignoring the litter copies collect (Thumbs.db, .DS_Store, macOS "._" files,
/// __MACOSX), and orders video frames by the number in their file names. A file is an image by its content or its
/// extension, never skipped for an unusual extension (.tif, .webp, none at all); one that then fails to decode is an
/// error or is counted and listed, never dropped in silence.
/// </summary>
public static partial class SourceTree
{
    /// <summary>Extensions that mark a file as meant to be an image even when its content says otherwise (then it is reported as undecodable).</summary>
    private static readonly string[] ImageExtensions =
        [".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".bmp", ".dib", ".gif", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pnm", ".tga",
         ".heic", ".heif", ".avif", ".jp2", ".jxl"];

    /// <summary>True for files and folders that are never data: hidden ("."-prefixed), Thumbs.db, desktop.ini, __MACOSX.</summary>
    public static bool IsLitter(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') || name.Equals("Thumbs.db", StringComparison.OrdinalIgnoreCase)
               || name.Equals("desktop.ini", StringComparison.OrdinalIgnoreCase) || name.Equals("__MACOSX", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True for files meant as images: an image extension (any case), or content that is an image (a JPEG without
    /// extension, a PNG called .dat). Litter never is.
    /// </summary>
    public static bool IsImage(string path)
    {
        if (IsLitter(path)) return false;
        if (ImageExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)) return true;
        try { return FileSignature.Of(path).Kind is FileKind.Image or FileKind.UnsupportedImage; }
        catch (FileNotFoundException) when (path.Contains('\uFFFD')) { return true; }   // listed but cannot be opened: reported as such when decoded
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>
    /// <paramref name="path"/> as a source folder: a missing path, or a file in its place, is an error saying what to
    /// point at; an archive is recognised by its first bytes and the error says to unpack it.
    /// </summary>
    public static string RequireFolder(string path, string what)
    {
        if (Directory.Exists(path)) return path;
        if (File.Exists(path)) throw new InvalidDataException(NotAFolder(path, what));
        throw new DirectoryNotFoundException($"{path}: folder not found (expected {what}).");
    }

    /// <summary>Why a file was given where a folder belongs: "X is a zip archive: unpack it and point at …".</summary>
    public static string NotAFolder(string file, string what)
    {
        var signature = FileSignature.Of(file);
        return signature.Kind == FileKind.Archive
            ? $"{file}: is {signature.WithArticle}, not a folder: unpack it and point at the folder it unpacks to ({what})."
            : $"{file}: is a file ({signature.Name}), not a folder: point at {what}.";
    }

    /// <summary>" It holds archives (CK+.zip): unpack them first." for error messages about <paramref name="folder"/>, or "".</summary>
    public static string ArchivesNote(string folder)
    {
        var archives = Directory.EnumerateFiles(folder).Where(f => !IsLitter(f)).Where(f =>
        {
            try { return FileSignature.Of(f).Kind == FileKind.Archive; }
            catch (IOException) { return false; }
        }).Select(f => SafeText.Escape(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        return archives.Count == 0 ? "" : $" It holds {(archives.Count == 1 ? "an archive" : "archives")} ({string.Join(", ", archives.Take(4))}): unpack {(archives.Count == 1 ? "it" : "them")} and point at the unpacked folder.";
    }

    /// <summary>Sub-folders of <paramref name="folder"/> that can hold data, in ordinal name order.</summary>
    public static string[] Folders(string folder) =>
        [.. Directory.EnumerateDirectories(folder).Where(d => !IsLitter(d)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Image files anywhere below <paramref name="folder"/> (ordinal order), as (file, path relative to
    /// <paramref name="root"/>); litter, and anything inside a litter folder, is passed over; other files are added to
    /// <paramref name="ignored"/> (relative paths).
    /// </summary>
    public static List<(string File, string Relative)> ImagesBelow(string root, string folder, List<string> ignored)
    {
        var images = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(IsLitter)) continue;
            if (IsImage(file)) images.Add((file, relative));
            else ignored.Add(relative);
        }
        return images;
    }

    /// <summary>Image files directly in <paramref name="folder"/>, in ordinal name order.</summary>
    public static string[] Images(string folder) =>
        [.. Directory.EnumerateFiles(folder).Where(IsImage).Order(StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="root"/>/<paramref name="relative"/>, or the same path inside one sub-folder of the root; null when
    /// neither exists. Folder names are matched ignoring case.
    /// </summary>
    public static string? Find(string root, string relative)
    {
        if (TryResolve(root, relative) is { } direct) return direct;
        foreach (var sub in Folders(root))
            if (TryResolve(sub, relative) is { } nested) return nested;
        return null;
    }

    /// <summary>Like <see cref="Find"/>, but a missing folder is an error that says what a root of this dataset looks like.</summary>
    public static string Require(string root, string relative, string dataset, string layout)
    {
        RequireFolder(root, $"the {dataset} root ({layout})");
        return Find(root, relative) ?? throw new DirectoryNotFoundException(
            $"{root}: not a {dataset} root: no folder '{relative}' in it (nor one level down). Expected {layout}; found {Listing(root)}.{ArchivesNote(root)}");
    }

    /// <summary>The frames of a video folder in frame order (the last number in each file name, e.g. S005_001_00000011 → 11).</summary>
    public static (int Frame, string Path)[] Frames(string folder)
    {
        var frames = new List<(int, string)>();
        foreach (var file in Images(folder))
        {
            var m = TrailingNumber().Match(Path.GetFileNameWithoutExtension(file));
            if (!m.Success || !int.TryParse(m.Groups[1].Value, out var n))
                throw new InvalidDataException($"{file}: frame file name has no frame number at its end.");
            frames.Add((n, file));
        }
        var sorted = frames.OrderBy(f => f.Item1).ThenBy(f => f.Item2, StringComparer.Ordinal).ToArray();
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Item1 == sorted[i - 1].Item1)
                throw new InvalidDataException($"{folder}: two files carry frame number {sorted[i].Item1} ({Path.GetFileName(sorted[i - 1].Item2)}, {Path.GetFileName(sorted[i].Item2)}).");
        return sorted;
    }

    /// <summary>The paper's ten folds by ascending subject ID (<see cref="CkPlusProtocol.FoldsByAscendingId"/>); too few subjects is an error naming the source.</summary>
    public static Dictionary<string, int> FoldsByAscendingId(string source, IEnumerable<string> subjects, int folds = 10)
    {
        try { return CkPlusProtocol.FoldsByAscendingId(subjects, folds); }
        catch (ArgumentException e) { throw new InvalidDataException($"{source}: {e.Message}", e); }
    }

    /// <summary>What a folder holds, for error messages: "folders a, b; files c" (the first few of each).</summary>
    public static string Listing(string folder)
    {
        static string Few(IEnumerable<string> names)
        {
            var list = names.Select(n => SafeText.Escape(Path.GetFileName(n))).Order(StringComparer.Ordinal).ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list.Take(6)) + (list.Count > 6 ? $", … ({list.Count} in all)" : "");
        }
        return $"folders: {Few(Directory.EnumerateDirectories(folder))}; files: {Few(Directory.EnumerateFiles(folder))}";
    }

    private static string? TryResolve(string root, string relative)
    {
        var current = root;
        foreach (var part in relative.Split('/', '\\'))
        {
            var folders = Directory.EnumerateDirectories(current).Order(StringComparer.Ordinal).ToList();
            var next = folders.FirstOrDefault(d => Path.GetFileName(d) == part)
                       ?? folders.FirstOrDefault(d => Path.GetFileName(d).Equals(part, StringComparison.OrdinalIgnoreCase));
            if (next is null) return null;
            current = next;
        }
        return current;
    }

    [GeneratedRegex(@"(\d+)$")]
    private static partial Regex TrailingNumber();
}
