using System.Diagnostics;
using System.Text;

namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>The built `fn2en` running as a separate process, its output captured line by line (readable while it runs).</summary>
public sealed class Fn2EnProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new(), stderr = new();

    /// <summary>Starts `dotnet fn2en.dll args` in <paramref name="workingDirectory"/>, with one intra-op thread unless <paramref name="environment"/> says otherwise.</summary>
    public Fn2EnProcess(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        // One intra-op thread: fewer of libtorch's CPU nondeterminisms (environment.md, "Reproducibility").
        info.Environment["OMP_NUM_THREADS"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        info.ArgumentList.Add(Repo.Tool("fn2en", "fn2en"));
        foreach (var a in args) info.ArgumentList.Add(a);
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Out { get { lock (stdout) return stdout.ToString(); } }
    /// <summary>Standard error without libtorch's harmless NNPACK warnings (environment.md).</summary>
    public string Err { get { lock (stderr) return string.Join("\n", stderr.ToString().Split('\n').Where(l => !l.Contains("NNPACK"))).Trim(); } }
    public bool HasExited => process.HasExited;

    /// <summary>Waits for the process to end (failing the test after <paramref name="minutes"/>) and returns its exit code.</summary>
    public int Wait(double minutes = 10)
    {
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(minutes)), $"fn2en did not finish in {minutes} minutes:\n{Out}");
        process.WaitForExit();   // drains the output
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no handler runs, nothing is cleaned up (as when a node dies or the OOM killer strikes).</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Runs fn2en to the end: exit code, standard output, standard error.</summary>
    public static (int Code, string Out, string Err) Run(string workingDirectory, params string[] args)
    {
        using var p = new Fn2EnProcess(workingDirectory, args);
        var code = p.Wait();
        return (code, p.Out, p.Err);
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}
