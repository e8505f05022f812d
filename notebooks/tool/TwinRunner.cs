using System.Diagnostics;

namespace FaceNet2ExpNet.NotebookTool;

/// <summary>How one twin's run went: its exit code, time, report and the last lines it printed.</summary>
public sealed record TwinResult(string Twin, string Report, TimeSpan Elapsed, int ExitCode, IReadOnlyList<string> Problems)
{
    public bool Passed => ExitCode == 0 && Problems.Count == 0;
}

/// <summary>
/// Runs notebooks' twins as a user does — <c>dotnet run notebooks/NN-name.cs</c>, no .NET Interactive kernel — with
/// REPORTS_ROOT set, and checks that each exited 0 and wrote its report.md with the profile shown, no error, and
/// "What we see" at the end (what <see cref="OutputCheck"/> asks of an executed notebook).
/// </summary>
public static class TwinRunner
{
    /// <summary>Runs <paramref name="twin"/>; its report goes to &lt;<paramref name="reports"/>&gt;/&lt;name&gt;/report.md.</summary>
    public static TwinResult Run(string twin, string reports, TextWriter echo)
    {
        var full = Path.GetFullPath(twin);
        var name = Path.GetFileNameWithoutExtension(full);
        var report = Path.Combine(Path.GetFullPath(reports), name, "report.md");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(full)! };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(full);
        start.Environment["REPORTS_ROOT"] = Path.GetFullPath(reports);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var tail = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            lock (tail)
            {
                if (!line.Contains(": warning ")) echo.WriteLine($"    {line}");   // the build's warnings are the library's, not the notebook's
                tail.Enqueue(line);
                if (tail.Count > 5) tail.Dequeue();
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        clock.Stop();
        var problems = new List<string>();
        if (process.ExitCode != 0) problems.Add($"exited with {process.ExitCode}: {string.Join(" | ", tail)}");
        if (!File.Exists(report)) problems.Add($"no report at {report}");
        else
        {
            // What OutputCheck asks of an executed notebook: no error, the profile shown, "What we see" at the end.
            var text = File.ReadAllText(report);
            if (text.Contains("**Error**")) problems.Add($"{report} shows an error");
            if (!text.Contains("profile ")) problems.Add($"{report} does not show the profile the notebook ran on");
            var end = text.LastIndexOf("## What we see", StringComparison.Ordinal);
            if (end < 0 || !text[end..].Contains("<sub>[")) problems.Add($"{report} does not end with \"What we see\" and what its last cell showed");
        }
        return new TwinResult(twin, report, clock.Elapsed, process.ExitCode, problems);
    }
}
