namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The notebooks' settings cell: <c>profile: Env.Or("PROFILE", "quick")</c> — the value written in the cell, unless the
/// environment sets that variable (how CI runs every notebook on the smoke profile without editing it). A reader who
/// edits the cell writes a plain value instead.
/// </summary>
public static class Env
{
    /// <summary>The environment variable <paramref name="variable"/> when it is set and not empty, else <paramref name="value"/>.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Or(string variable, string? value) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set ? set : value;
}
