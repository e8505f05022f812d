using System.Diagnostics;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.Fixtures;
using Xunit.Abstractions;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>The run store's failure modes as a user meets them with the built `fn2en`: a damaged file, a full disk.</summary>
public sealed class RunStoreDiskTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private (int Code, string Out, string Err) Fn2En(string runs, params string[] extra)
    {
        string[] args = ["run", "--profile", "smoke", "--data", dir["data"], "--runs", runs, .. extra];
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repo.Tool("fn2en", "fn2en"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), "fn2en did not finish in 10 minutes");
        return (process.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void A_corrupted_metrics_json_then_fn2en_run_prints_the_table_without_a_stack_trace()
    {
        SyntheticCorpora.Ensure(SyntheticOptions.Smoke, dir["data"]);
        Assert.Equal(0, Fn2En(dir["runs"], "--methods", "scratch-bn").Code);
        var metrics = Directory.EnumerateFiles(dir["runs"], "metrics.json", SearchOption.AllDirectories).First();
        File.WriteAllText(metrics, "\u0000\u0000garbage");
        var (code, stdout, stderr) = Fn2En(dir["runs"], "--methods", "scratch-bn");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.Contains("is damaged", stdout);
        Assert.Contains("Train From Scratch (BN)", stdout);
    }

    [Fact]
    public void A_disk_that_fills_during_training_is_one_clear_line_and_the_same_command_finishes_once_space_is_freed()
    {
        // A real full filesystem needs a tmpfs mount (root on Linux, as on the CI machines). Elsewhere the same failure
        // is covered by CheckpointTests' injected "No space left on device" stream.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            output.WriteLine("not root on Linux: no tmpfs to fill; see CheckpointTests.A_write_that_fails_part_way_…");
            return;
        }
        SyntheticCorpora.Ensure(SyntheticOptions.Smoke, dir["data"]);
        string[] methods = ["--methods", "scratch-bn,vgg-finetune"];
        var (refCode, _, refErr) = Fn2En(dir["reference"], methods);
        Assert.True(refCode == 0, refErr);

        var small = Directory.CreateDirectory(dir["small"]).FullName;
        Mount(small, "size=6m");
        try
        {
            var (code, stdout, stderr) = Fn2En(small, methods);
            output.WriteLine(stdout + stderr);
            Assert.Equal(4, code);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("fn2en: error: could not write", lines[0]);
            Assert.Contains("No space left on device", lines[0]);
            Assert.Empty(Directory.EnumerateDirectories(small, "*.partial", SearchOption.AllDirectories));
            Assert.Empty(Directory.EnumerateFiles(small, "*.tmp", SearchOption.AllDirectories));

            Run("mount", "-o", "remount,size=64m", small);   // space freed
            var (again, _, againErr) = Fn2En(small, methods);
            Assert.True(again == 0, againErr);
            var expected = Metrics(dir["reference"]);
            var actual = Metrics(small);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var (run, m) in expected)
            {
                // Equal up to libtorch's CPU nondeterminism (environment.md, "Reproducibility"): losses to 1e-3, accuracy to 2 images.
                Assert.True(Math.Abs(m.FinalTrainingLoss - actual[run].FinalTrainingLoss) <= 1e-3 * Math.Abs(m.FinalTrainingLoss), run);
                if (m.Accuracy is { } a) Assert.True(Math.Abs(a - actual[run].Accuracy!.Value) * m.TestImages <= 2.001, run);
            }
        }
        finally { Run("umount", small); }
    }

    private static void Mount(string folder, string options) => Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder);

    private static void Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{command} {string.Join(" ", args)}: {err}");
    }

    private static Dictionary<string, FoldMetrics> Metrics(string runs) =>
        Directory.EnumerateFiles(runs, "metrics.json", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(runs, f), FoldMetrics.Load);
}
