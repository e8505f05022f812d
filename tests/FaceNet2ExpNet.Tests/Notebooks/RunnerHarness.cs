using System.Text.Json.Nodes;
using FaceNet2ExpNet.Notebooks;
using FaceNet2ExpNet.Notebooks.Format;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>
/// Runner tests redirect Console and change the working directory (process-wide), so they run alone, after the
/// parallel tests. They share one process, so Roslyn is warmed up once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunnerCollection
{
    public const string Name = "notebook runner (Console, working directory)";
}

/// <summary>Writes fixture notebooks into a temp folder and runs them through the real command line, in process.</summary>
internal sealed class RunnerHarness : IDisposable
{
    public TempDir Dir { get; } = new();

    public string Write(string name, NotebookBuilder notebook)
    {
        var path = Dir[name];
        notebook.Save(path);
        return path;
    }

    public string WriteText(string name, string text)
    {
        var path = Dir[name];
        File.WriteAllText(path, text);
        return path;
    }

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = RunnerCli.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Builds, runs in place, and reads back a notebook of the given C# cells.</summary>
    public (int Exit, string Out, Notebook Result) RunCells(params string[] cells)
    {
        var builder = new NotebookBuilder();
        foreach (var cell in cells) builder.Code(cell);
        var path = Write($"nb-{Guid.NewGuid():N}.ipynb", builder);
        var (exit, stdout, stderr) = Run(path);
        return (exit, stdout + stderr, Notebook.Load(path));
    }

    /// <summary>The outputs of the n-th code cell (from 1).</summary>
    public static IReadOnlyList<JsonObject> Outputs(Notebook notebook, int codeCell) => notebook.CodeCells[codeCell - 1].Outputs;

    /// <summary>The text of a MIME entry (line list or string) of an output's data.</summary>
    public static string MimeText(JsonObject output, string mime) => Multiline.Join(output["data"]![mime]);

    public static string Kind(JsonObject output) => output["output_type"]!.GetValue<string>();

    public void Dispose() => Dir.Dispose();
}
