using System.Text.Json.Nodes;
using FaceNet2ExpNet.Notebooks.Format;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>Why a cell failed: the error output's name and message, and the cell (1-based among code cells).</summary>
public sealed partial record CellFailure(int CellNumber, string Ename, string Evalue)
{
    /// <summary>One line for the console: "cell 3: System.Exception: boom".</summary>
    public override string ToString() => $"cell {CellNumber}: {Ename}: {Evalue.Split('\n')[0]}";

    /// <summary>A compile failure: the kernel-style diagnostics, positions relative to the cell.</summary>
    public static (CellFailure, JsonObject) Compile(int cell, IReadOnlyList<string> errors)
    {
        var evalue = string.Join("\n", errors);
        return (new CellFailure(cell, "CompilationError", evalue),
                CellOutput.Error("CompilationError", evalue, [$"Cell {cell} does not compile:", .. errors]));
    }

    /// <summary>An exception thrown by the cell's code: type, message, and the stack trace without the runner's frames.</summary>
    public static (CellFailure, JsonObject) Thrown(int cell, Exception e)
    {
        var ename = e.GetType().FullName ?? e.GetType().Name;
        var trace = e.ToString().Replace("\r\n", "\n").Split('\n')
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting") && !l.Contains("FaceNet2ExpNet.Notebooks.Execution")
                        && !l.Contains("System.Runtime.CompilerServices") && !l.Contains("System.Threading.ExecutionContext"))
            .Select(l => CellPath().Replace(l, " in $1:line"))   // ".../notebooks/cell 3:line 4" → "cell 3:line 4"
            .ToList();
        while (trace.Count > 1 && trace[^1].StartsWith("--- End of stack trace")) trace.RemoveAt(trace.Count - 1);
        return (new CellFailure(cell, ename, e.Message), CellOutput.Error(ename, e.Message, trace));
    }

    /// <summary>A directive the runner cannot honour (unknown package, missing DLL, unsupported magic).</summary>
    public static (CellFailure, JsonObject) Directive(int cell, CellDirectiveException e) =>
        (new CellFailure(cell, e.Kind, e.Message), CellOutput.Error(e.Kind, e.Message, [$"Cell {cell}, {e.Message}"]));

    /// <summary>Anything else that stops a cell (another kernel's cell, a timeout).</summary>
    public static (CellFailure, JsonObject) Other(int cell, string ename, string message) =>
        (new CellFailure(cell, ename, message), CellOutput.Error(ename, message, [$"Cell {cell}: {message}"]));

    [System.Text.RegularExpressions.GeneratedRegex(@" in .*[/\\](cell \d+):line")]
    private static partial System.Text.RegularExpressions.Regex CellPath();
}
