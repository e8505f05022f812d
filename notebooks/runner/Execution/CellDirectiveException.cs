namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>A directive line (#r, #i, #!…) the runner cannot honour; <see cref="Line"/> is 1-based within the cell.</summary>
public sealed class CellDirectiveException(string kind, int line, string message) : Exception(message)
{
    /// <summary>The error's name in the notebook output (e.g. "PackageNotCarried").</summary>
    public string Kind { get; } = kind;

    /// <summary>The directive's line within the cell, from 1.</summary>
    public int Line { get; } = line;
}
