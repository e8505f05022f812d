using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// The same ExpNet training step in PyTorch (tools/bench/pytorch_expnet.py), in the bench's four formats (fp32,
/// fp32_channels_last, bf16, bf16_channels_last: autocast bf16 and/or the channels_last model and input), run with
/// /usr/bin/python3 — Debian's <c>python3-torch</c> is for that interpreter, and the first python3 on PATH may be another one.
/// When this process runs with huge pages (<see cref="Training.HugePages"/>), PyTorch gets the same: Debian's PyTorch
/// 1.13 predates libtorch's THP_MEM_ALLOC_ENABLE, so glibc's own switch (<c>GLIBC_TUNABLES=glibc.malloc.hugetlb=1</c>,
/// glibc ≥ 2.35) backs its allocations with huge pages — measured: a fresh 64 MiB tensor 16,385 → 544 page faults;
/// and with <see cref="Training.HeapReuse"/> on, glibc's heap thresholds as ours (<c>glibc.malloc.mmap_threshold</c>,
/// <c>glibc.malloc.trim_threshold</c>), so both keep freed activations for the next step.
/// </summary>
public static class PyTorchBench
{
    public const string Script = "tools/bench/pytorch_expnet.py";
    public const string Python = "/usr/bin/python3";
    public const string HowToGet = "PyTorch is not installed for /usr/bin/python3: on Debian `apt-get install python3-torch` (setup does not install it), then re-run fn2en bench.";

    /// <summary>
    /// Training img/s of the PyTorch step per format key of <paramref name="formats"/> (every key present: null where not
    /// measured — a bf16 format on a CPU without native bf16 (<paramref name="selection"/>), or PyTorch missing) and one
    /// note: the PyTorch version and threads, or why nothing was measured.
    /// </summary>
    /// <param name="python">The interpreter (tests point it at a missing file).</param>
    public static (JsonObject ImgPerSecond, string Note) Run(string? repoRoot, int batch, int reps, IReadOnlyList<string> formats,
        FormatSelection selection, TextWriter log, string python = Python)
    {
        var result = new JsonObject();
        foreach (var f in formats) result[f] = null;
        var measured = formats.Where(selection.Measures).ToList();
        var script = repoRoot is null ? null : Path.Combine(repoRoot, Script);
        if (script is null || !File.Exists(script)) return (result, $"{Script} not found (run fn2en bench from the repository).");
        if (!File.Exists(python)) return (result, $"{python} not found. {HowToGet}");
        if (Exec(python, ["-c", "import torch"], TimeSpan.FromMinutes(1)).Code != 0) return (result, HowToGet);
        if (measured.Count == 0) return (result, "no format measured");
        log.WriteLine($"[bench] PyTorch: the same ExpNet step with {python} {Script}, {string.Join(", ", measured)}…");
        var tunables = (Training.HugePages.Enabled ? new[] { "glibc.malloc.hugetlb=1" } : []).Concat(Training.HeapReuse.Enabled
            ? [$"glibc.malloc.mmap_threshold={Training.HeapReuse.Threshold}", $"glibc.malloc.trim_threshold={Training.HeapReuse.Threshold}"] : []).ToList();
        var (code, output) = Exec(python, [script, "--batch", batch.ToString(), "--reps", reps.ToString(), "--format", string.Join(",", measured)],
            TimeSpan.FromMinutes(15), tunables.Count > 0 ? new() { ["GLIBC_TUNABLES"] = string.Join(':', tunables) } : null);
        JsonNode? last = null;
        foreach (var line in output.Split('\n').Where(l => l.TrimStart().StartsWith('{')))
        {
            last = JsonNode.Parse(line)!;
            var key = last["format"]!.GetValue<string>();
            var value = last["train_img_s"]!.GetValue<double>();
            if (result.ContainsKey(key)) result[key] = value;
            log.WriteLine($"[bench] PyTorch {last["torch"]}, {key}: {value:F2} img/s");
        }
        if (last is null) return (result, $"{Script} failed (exit {code}): {output.Trim().Split('\n').LastOrDefault()}");
        var missing = measured.Where(f => result[f] is null).ToList();
        return (result, $"PyTorch {last["torch"]}, {last["threads"]} threads, /usr/bin/python3 {Script}" +
                        (tunables.Count > 0 ? $", huge pages and heap reuse as ours (GLIBC_TUNABLES={string.Join(':', tunables)})" : "") +
                        (code != 0 || missing.Count > 0 ? $"; {string.Join(", ", missing)} failed (exit {code}): {output.Trim().Split('\n').LastOrDefault()}" : ""));
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
