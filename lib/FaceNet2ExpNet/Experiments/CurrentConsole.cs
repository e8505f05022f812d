using System.Text;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Writes to whatever <see cref="Console.Out"/> is at the moment of each write — the default log of an
/// <see cref="Experiment"/>. The .NET Interactive kernel gives every cell its own console writer, so an experiment
/// made in a notebook's settings cell prints its progress in the cell that trains, not in the settings cell.
/// </summary>
public sealed class CurrentConsole : TextWriter
{
    /// <summary>The one instance.</summary>
    public static TextWriter Out { get; } = new CurrentConsole();

    private CurrentConsole() { }

    public override Encoding Encoding => Console.Out.Encoding;
    public override void Write(char value) => Console.Out.Write(value);
    public override void Write(string? value) => Console.Out.Write(value);
    public override void WriteLine(string? value) => Console.Out.WriteLine(value);
    public override void Flush() => Console.Out.Flush();
}
