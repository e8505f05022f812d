namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// Progress written at once as "[prefix] message" lines (Progress&lt;T&gt; posts to the thread pool, so its lines can
/// arrive after the summary that follows the work). Safe to report from several threads.
/// </summary>
public sealed class LineProgress(TextWriter writer, string prefix) : IProgress<string>
{
    public void Report(string value)
    {
        lock (writer) writer.WriteLine($"[{prefix}] {value}");
    }
}
