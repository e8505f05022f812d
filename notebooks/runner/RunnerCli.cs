using FaceNet2ExpNet.Notebooks.Execution;
using FaceNet2ExpNet.Notebooks.Format;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// The command line:
/// <c>run-notebook a.ipynb [b.ipynb …] [--out FOLDER | --in-place] [--cell-timeout SECONDS]</c> and
/// <c>run-notebook convert a.dib [b.dib …] [--out FOLDER]</c>.
/// Exit codes: 0 all cells ran; 1 a cell failed (or timed out); 2 bad arguments or a notebook that cannot be read.
/// </summary>
public static class RunnerCli
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        usage: run-notebook NOTEBOOK.ipynb [MORE.ipynb …] [--out FOLDER | --in-place] [--cell-timeout SECONDS]
               run-notebook convert NOTEBOOK.dib [MORE.dib …] [--out FOLDER]
          Executes .NET (C#) Polyglot notebooks cell by cell in one C# session and writes them back with their outputs
          (in place unless --out is given). Stops a notebook at its first failing cell; exit code 1 if any cell failed.
          convert: writes NOTEBOOK.ipynb next to each .dib (or into --out), not executed.
        """;

    /// <summary>Runs the command line; progress goes to <paramref name="stdout"/>, errors to <paramref name="stderr"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var convert = args.Length > 0 && args[0] == "convert";
        var files = new List<string>();
        string? outFolder = null;
        var inPlace = false;
        TimeSpan? timeout = null;
        for (var i = convert ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    outFolder = args[++i];
                    break;
                case "--in-place":
                    inPlace = true;
                    break;
                case "--cell-timeout" when i + 1 < args.Length && double.TryParse(args[i + 1],
                    System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    timeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return 0;
                case var a when a.StartsWith('-'):
                    return Fail(stderr, $"unknown or incomplete option '{a}'");
                default:
                    files.Add(args[i]);
                    break;
            }
        }
        if (files.Count == 0) return Fail(stderr, "no notebook given");
        if (outFolder is not null && inPlace) return Fail(stderr, "--out and --in-place exclude each other");
        if (convert) return Convert(files, outFolder, stdout, stderr);

        var exit = 0;
        var executor = new NotebookExecutor(stdout, timeout);
        foreach (var file in files)
        {
            if (!file.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine($"run-notebook: error: {file}: expected a .ipynb file (convert a .dib first: run-notebook convert {file})");
                exit = 2;
                continue;
            }
            var target = outFolder is null ? file : Path.Combine(outFolder, Path.GetFileName(file));
            try
            {
                var result = await executor.RunAsync(file, target);
                if (!result.Succeeded) exit = Math.Max(exit, 1);
                if (result.TimedOut)
                {
                    // The abandoned cell may still be running and printing; later notebooks would share the process.
                    stderr.WriteLine($"run-notebook: error: {file}: a cell timed out; remaining notebooks not run");
                    break;
                }
            }
            catch (NotebookFormatException e)
            {
                stderr.WriteLine($"run-notebook: error: {e.Message}");
                exit = 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"run-notebook: error: {file}: {e.Message}");
                exit = 2;
            }
        }
        return exit;
    }

    private static int Convert(List<string> files, string? outFolder, TextWriter stdout, TextWriter stderr)
    {
        var exit = 0;
        foreach (var file in files)
        {
            var target = Path.ChangeExtension(outFolder is null ? file : Path.Combine(outFolder, Path.GetFileName(file)), ".ipynb");
            try
            {
                DibConverter.ConvertFile(file, target);
                stdout.WriteLine($"[run-notebook] converted {file} → {target}");
            }
            catch (NotebookFormatException e)
            {
                stderr.WriteLine($"run-notebook: error: {e.Message}");
                exit = 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"run-notebook: error: {file}: {e.Message}");
                exit = 2;
            }
        }
        return exit;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"run-notebook: error: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
