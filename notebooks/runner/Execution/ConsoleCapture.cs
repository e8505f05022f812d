using System.Text;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>Redirects Console.Out/Error into a cell's outputs until disposed (restored even when the cell fails).</summary>
public sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter oldOut = Console.Out, oldError = Console.Error;

    /// <summary>Starts capturing into <paramref name="outputs"/>.</summary>
    public ConsoleCapture(CellOutputs outputs)
    {
        Console.SetOut(new StreamWriterTo(outputs, "stdout"));
        Console.SetError(new StreamWriterTo(outputs, "stderr"));
    }

    /// <summary>Puts the previous writers back.</summary>
    public void Dispose()
    {
        Console.SetOut(oldOut);
        Console.SetError(oldError);
    }

    private sealed class StreamWriterTo(CellOutputs outputs, string stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => outputs.Write(stream, value.ToString());
        public override void Write(string? value) => outputs.Write(stream, value ?? "");
        public override void Write(char[] buffer, int index, int count) => outputs.Write(stream, new string(buffer, index, count));
        public override void WriteLine(string? value) => outputs.Write(stream, (value ?? "") + "\n");
        public override void WriteLine() => outputs.Write(stream, "\n");
    }
}
