using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// The same ExpNet training step in PyTorch (tools/bench/pytorch_expnet.py), run with /usr/bin/python3 — Debian's
/// <c>python3-torch</c> is for that interpreter, and the first python3 on PATH may be another one.
/// When this process runs with huge pages (<see cref="Training.HugePages"/>), PyTorch gets the same: Debian's PyTorch
/// 1.13 predates libtorch's THP_MEM_ALLOC_ENABLE, so glibc's own switch (<c>GLIBC_TUNABLES=glibc.malloc.hugetlb=1</c>,
/// glibc ≥ 2.35) backs its allocations with huge pages — measured: a fresh 64 MiB tensor 16,385 → 544 page faults.
/// </summary>
public static class PyTorchBench
{
    public const string Script = "tools/bench/pytorch_expnet.py";
    public const string HowToGet = "PyTorch is not installed for /usr/bin/python3: on Debian `apt-get install python3-torch` (setup does not install it), then re-run fn2en bench.";

    /// <summary>Training img/s of the PyTorch step and its torch version; (null, the reason) when it cannot run here.</summary>
    public static (double? ImgPerSecond, string Note) Run(string? repoRoot, int batch, int reps, TextWriter log)
    {
        const string python = "/usr/bin/python3";
        var script = repoRoot is null ? null : Path.Combine(repoRoot, Script);
        if (script is null || !File.Exists(script)) return (null, $"{Script} not found (run fn2en bench from the repository).");
        if (!File.Exists(python)) return (null, $"{python} not found. {HowToGet}");
        if (Exec(python, ["-c", "import torch"], TimeSpan.FromMinutes(1)).Code != 0) return (null, HowToGet);
        log.WriteLine($"[bench] PyTorch: the same ExpNet step with {python} {Script}…");
        var hugePages = Training.HugePages.Enabled;
        var (code, output) = Exec(python, [script, "--batch", batch.ToString(), "--reps", reps.ToString()], TimeSpan.FromMinutes(10),
            hugePages ? new() { ["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1" } : null);
        var line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (code != 0 || line is null) return (null, $"{Script} failed (exit {code}): {output.Trim().Split('\n').LastOrDefault()}");
        var json = JsonNode.Parse(line)!;
        var value = json["train_img_s"]!.GetValue<double>();
        log.WriteLine($"[bench] PyTorch {json["torch"]}: {value:F2} img/s");
        return (value, $"PyTorch {json["torch"]}, {json["threads"]} threads, /usr/bin/python3 {Script}" +
                       (hugePages ? ", huge pages as ours (GLIBC_TUNABLES=glibc.malloc.hugetlb=1)" : ""));
    }

    private static (int Code, string Output) Exec(string file, string[] args, TimeSpan timeout, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The repository root above <paramref name="start"/> (the folder holding FaceNet2ExpNet.sln), or null.</summary>
    public static string? FindRepoRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "FaceNet2ExpNet.sln"))) return d.FullName;
        return null;
    }
}
