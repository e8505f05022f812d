using FaceNet2ExpNet.Notebooks.Display;
using FaceNet2ExpNet.Notebooks.Execution;

// The kernel's helpers, under the kernel's own names, so a notebook's code compiles and behaves the same in
// Polyglot Notebooks and in run-notebook. The runner submits `using static Microsoft.DotNet.Interactive.Kernel;`
// before the first cell, as the C# kernel does.
namespace Microsoft.DotNet.Interactive;

/// <summary>The C# kernel's static helpers: <c>display(x)</c> and <c>HTML("…")</c>.</summary>
public static class Kernel
{
    /// <summary>Shows a value as a display_data output of the running cell (optionally only the given MIME types).</summary>
    public static DisplayedValue display(object? value, params string[] mimeTypes) =>
        CellOutputs.Current?.Display(DisplayFormatter.Format(value, mimeTypes)) ?? DisplayedValue.Detached;

    /// <summary>Marks a string as HTML, so displaying it gives a text/html output.</summary>
    public static HtmlContent HTML(string content) => new(content);
}

/// <summary>A displayed output that can be replaced, as the kernel's <c>DisplayedValue.Update</c>.</summary>
public sealed class DisplayedValue
{
    private readonly CellOutputs? outputs;
    private readonly int index;

    internal DisplayedValue(CellOutputs? outputs, int index) => (this.outputs, this.index) = (outputs, index);

    internal static DisplayedValue Detached { get; } = new(null, -1);

    /// <summary>Replaces the displayed output with a new value.</summary>
    public void Update(object? value) => outputs?.Replace(index, DisplayFormatter.Format(value, []));
}

/// <summary>An HTML fragment (what the kernel's <c>HTML()</c> returns); displayed as text/html.</summary>
public sealed class HtmlContent(string html)
{
    /// <summary>The HTML text.</summary>
    public override string ToString() => html;
}

/// <summary>The kernel's <c>value.Display()</c> extension.</summary>
public static class DisplayExtensions
{
    /// <summary>Same as <c>display(value)</c>.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => Kernel.display(value, mimeTypes);
}
