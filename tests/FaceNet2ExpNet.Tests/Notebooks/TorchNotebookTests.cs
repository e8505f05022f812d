using System.Diagnostics;
using FaceNet2ExpNet.Notebooks.Format;
using static FaceNet2ExpNet.Tests.Notebooks.RunnerHarness;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>
/// The real thing, out of process: the built run-notebook.dll runs a notebook that asks for TorchSharp-cpu with
/// #r "nuget: …" and references the built FaceNet2ExpNet.dll by a path relative to the notebook, as notebooks/ do.
/// </summary>
[Collection(NotebookRunnerCollection.Name)]
public class TorchNotebookTests
{
    [Fact]
    public async Task NotebookWithTorchSharpAndTheLibrary_RunsInTheRunnerProcess()
    {
        using var h = new RunnerHarness();
        var (repo, configuration) = RepoAndConfiguration();
        var library = Path.Combine(repo, "lib", "FaceNet2ExpNet", "bin", configuration, "net10.0", "FaceNet2ExpNet.dll");
        var runner = Path.Combine(repo, "notebooks", "runner", "bin", configuration, "net10.0", "run-notebook.dll");
        Assert.True(File.Exists(library), $"build first: {library}");
        Assert.True(File.Exists(runner), $"build first: {runner}");
        Directory.CreateDirectory(h.Dir["notebooks"]);
        var relative = Path.GetRelativePath(h.Dir["notebooks"], library).Replace('\\', '/');
        var path = Path.Combine(h.Dir["notebooks"], "torch.ipynb");
        new NotebookBuilder()
            .Markdown("A tiny tensor computation.")
            .Code($"#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"{relative}\"\nusing TorchSharp;\nusing FaceNet2ExpNet.Reporting;")
            .Code("var t = torch.arange(6, dtype: torch.float32).reshape(2, 3);\n(t * 2).sum().item<float>()")
            .Code("new PngImage(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })")
            .Save(path);

        var start = new ProcessStartInfo("dotnet", [runner, path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        var (output, errors) = (await stdout, await stderr);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{errors}");
        Assert.Contains("cell 3/3", output);
        var nb = Notebook.Load(path);
        Assert.Equal("30", MimeText(Outputs(nb, 2)[0], "text/plain"));
        Assert.Equal("iVBORw0KGgo=", Outputs(nb, 3)[0]["data"]!["image/png"]!.GetValue<string>());
    }

    /// <summary>The repository root and the build configuration these tests were built with.</summary>
    private static (string Repo, string Configuration) RepoAndConfiguration()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = dir.Parent?.Name ?? "Release";            // …/bin/<Configuration>/net10.0/
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FaceNet2ExpNet.sln"))) dir = dir.Parent;
        return (dir?.FullName ?? throw new InvalidOperationException("FaceNet2ExpNet.sln not found above the test binaries"),
                configuration);
    }
}
