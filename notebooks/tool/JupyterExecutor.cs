using System.Diagnostics;

namespace FaceNet2ExpNet.NotebookTool;

/// <summary>How one notebook's execution went.</summary>
public sealed record ExecutionResult(string Notebook, string Written, TimeSpan Elapsed, int ExitCode, IReadOnlyList<string> Problems, string Log)
{
    public bool Passed => ExitCode == 0 && Problems.Count == 0;
}

/// <summary>
/// Executes notebooks in the real .NET Interactive kernel the way a Jupyter user does: <c>jupyter nbconvert --to notebook
/// --execute</c> with the kernel named in the notebook (.net-csharp, registered by <c>dotnet dotnet-interactive jupyter
/// install</c>). The kernel runs in the notebook's own folder, so its relative paths (../lib, ../data) mean what they mean
/// in VS Code. Execution goes on after a failing cell (so the written notebook shows where it failed); the outputs are
/// then checked with <see cref="OutputCheck"/>, after the user's home folder in them is shortened to "~" (<see cref="HomePaths"/>).
/// </summary>
public sealed class JupyterExecutor(string jupyter, TimeSpan cellTimeout)
{
    /// <summary>JUPYTER if set, else Debian's /usr/bin/jupyter when present (another python3 may come first on PATH), else jupyter.</summary>
    public static string FindJupyter() =>
        Environment.GetEnvironmentVariable("JUPYTER") is { Length: > 0 } set ? set
        : File.Exists("/usr/bin/jupyter") ? "/usr/bin/jupyter"
        : "jupyter";

    /// <summary>Executes <paramref name="notebook"/>, writing the executed copy into <paramref name="outFolder"/> (null = in place).</summary>
    public ExecutionResult Execute(string notebook, string? outFolder)
    {
        var full = Path.GetFullPath(notebook);
        var folder = outFolder is null ? Path.GetDirectoryName(full)! : Path.GetFullPath(outFolder);
        Directory.CreateDirectory(folder);
        var written = Path.Combine(folder, Path.GetFileName(full));
        var start = new ProcessStartInfo(jupyter)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(full)!,
        };
        foreach (var argument in new[]
                 {
                     "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                     $"--ExecutePreprocessor.timeout={(int)cellTimeout.TotalSeconds}", "--ExecutePreprocessor.startup_timeout=300",
                     "--ExecutePreprocessor.record_timing=False", "--output-dir", folder, "--output", Path.GetFileName(full), full,
                 })
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var clock = Stopwatch.StartNew();
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start '{jupyter}' ({e.Message}). Install Jupyter's nbconvert and nbclient " +
                "(Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client; see environment.md) or set JUPYTER.");
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        var log = stderr.Result + stdout.Result;
        if (File.Exists(written)) HomePaths.ShortenIn(written);
        var problems = File.Exists(written) && process.ExitCode == 0
            ? OutputCheck.Problems(File.ReadAllText(written))
            : [$"jupyter nbconvert exited with {process.ExitCode}: {LastLines(log)}"];
        return new ExecutionResult(notebook, written, clock.Elapsed, process.ExitCode, problems, log);
    }

    private static string LastLines(string log) => string.Join(" | ", log.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(3));
}
