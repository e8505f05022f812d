namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Run-store files are written to a temporary name and renamed, so a reader sees the old file or the new one, never half
/// of one. The temporary name is private to the writing process, so processes sharing a run store (config.json, the
/// results files) never write into each other's temporary file.
/// </summary>
public static class AtomicFile
{
    /// <exception cref="IOException">The file could not be written (the message says which, why, and <paramref name="wayOut"/>); no temporary file is left.</exception>
    public static void Write(string path, string text, string wayOut)
    {
        var tmp = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(tmp, text);
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw new IOException($"could not write {path}: {e.Message.TrimEnd('.')}; {wayOut}.", e);
        }
    }
}
