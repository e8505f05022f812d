namespace FaceNet2ExpNet.DataPrep;

/// <summary>Synchronous progress lines "[data-prep] …" (Progress&lt;T&gt; posts to the thread pool and can print after the summary).</summary>
internal sealed class InlineProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value)
    {
        lock (writer) writer.WriteLine($"[data-prep] {value}");
    }
}
