namespace FaceNet2ExpNet.NotebookTool;

/// <summary>
/// Executed notebooks are committed and shared, so their outputs should not carry the home folder of whoever ran them
/// (the kernel prints "Loading extensions from `/home/…/.nuget/packages/…`" when a package brings a kernel extension).
/// </summary>
public static class HomePaths
{
    /// <summary><paramref name="text"/> with every "<paramref name="home"/>/" written as "~/".</summary>
    /// <exception cref="ArgumentException">An empty or relative home folder.</exception>
    public static string Shorten(string text, string home)
    {
        if (string.IsNullOrEmpty(home) || !Path.IsPathRooted(home)) throw new ArgumentException($"Home folder '{home}' is not an absolute path.");
        return text.Replace(home.TrimEnd('/') + "/", "~/", StringComparison.Ordinal);
    }

    /// <summary>Rewrites <paramref name="notebookFile"/> with the current user's home folder shortened to "~".</summary>
    public static void ShortenIn(string notebookFile)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home) || !Path.IsPathRooted(home)) return;
        var text = File.ReadAllText(notebookFile);
        var shortened = Shorten(text, home);
        if (shortened != text) File.WriteAllText(notebookFile, shortened);
    }
}
