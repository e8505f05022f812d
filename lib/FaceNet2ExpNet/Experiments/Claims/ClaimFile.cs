namespace FaceNet2ExpNet.Experiments.Claims;

/// <summary>
/// The file operations claims are built from, chosen to be atomic on a shared filesystem without advisory locks
/// (flock/fcntl, which NFS implements unevenly): exclusive create (O_CREAT|O_EXCL, atomic on NFSv3 and later) to claim
/// a free run, rename over the old file (atomic on every POSIX filesystem, NFS included) to rewrite one, and reads
/// through a fresh open (NFS close-to-open consistency). No file here is ever opened with FileShare.None, so .NET takes
/// no exclusive flock on them either.
/// </summary>
internal static class ClaimFile
{
    private const FileShare Shared = FileShare.ReadWrite | FileShare.Delete;

    /// <summary>Creates <paramref name="path"/> holding <paramref name="text"/> if no file has that name; false if one has.</summary>
    /// <exception cref="IOException">It could not be written (a full disk, no permission); nothing is left behind.</exception>
    public static bool TryCreate(string path, string text)
    {
        FileStream stream;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, Shared);
                break;
            }
            catch (IOException) when (File.Exists(path)) { return false; }
            // The create failed because the file existed, and its holder deleted it before File.Exists looked: try again
            // (a few times: a create that fails for another reason — a full disk, a read-only folder — is thrown).
            catch (IOException) when (attempt < 5) { }
        }
        try
        {
            using (stream) Write(stream, text);
            return true;
        }
        catch (IOException)
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>Replaces <paramref name="path"/>'s content at once (a private temporary file renamed over it).</summary>
    public static void Replace(string path, string text, string token)
    {
        var tmp = TemporaryOf(path, token);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, Shared)) Write(stream, text);
            File.Move(tmp, path, overwrite: true);
        }
        catch (IOException)
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>The temporary file <see cref="Replace"/> writes for the claim <paramref name="token"/>.</summary>
    public static string TemporaryOf(string path, string token) => $"{path}.{token}.tmp";

    /// <summary>The file's text, or null if there is no such file.</summary>
    public static string? Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, Shared);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
    }

    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static void Write(FileStream stream, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
