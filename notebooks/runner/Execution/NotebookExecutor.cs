using System.Diagnostics;
using System.Text.Json.Nodes;
using FaceNet2ExpNet.Notebooks.Display;
using FaceNet2ExpNet.Notebooks.Format;
using Microsoft.DotNet.Interactive.Formatting;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>The outcome of running one notebook.</summary>
public sealed record NotebookRunResult(string Path, string WrittenTo, int CodeCells, int CellsRun, CellFailure? Failure,
                                       bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Runs a notebook's C# cells in order in one session, as Polyglot's "Run All" does: records each cell's outputs and
/// execution count, stops at the first failing cell (its output holds the error; later cells are cleared), and writes
/// the notebook. The working directory is the notebook's folder while it runs, as in the kernel.
/// </summary>
public sealed class NotebookExecutor(TextWriter progress, TimeSpan? cellTimeout = null)
{
    /// <summary>Runs the notebook at <paramref name="path"/> and writes the executed notebook to <paramref name="writeTo"/>.</summary>
    public async Task<NotebookRunResult> RunAsync(string path, string writeTo)
    {
        var clock = Stopwatch.StartNew();
        var notebook = Notebook.Load(path);
        notebook.EnsureCSharpPolyglot();
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var cells = notebook.CodeCells;
        progress.WriteLine($"[run-notebook] {path}: {cells.Count} code cells");

        var run = 0;
        CellFailure? failure = null;
        var timedOut = false;
        var oldDirectory = Environment.CurrentDirectory;
        using var thread = new KernelThread($"kernel: {System.IO.Path.GetFileName(path)}");
        try
        {
            Environment.CurrentDirectory = folder;
            Formatter.ResetToDefault();
            PlotlyFormatter.Reset();
            var session = new CSharpSession(folder);
            await thread.Run(async () => { await session.StartAsync(); return 0; });
            for (var i = 0; i < cells.Count && failure is null; i++)
            {
                (failure, timedOut) = await RunCellAsync(notebook, folder, cells[i], i + 1, cells.Count, session, thread);
                run++;
            }
            foreach (var cell in cells.Skip(run)) cell.SetResult(null, []);
        }
        finally
        {
            Environment.CurrentDirectory = oldDirectory;
            notebook.Save(writeTo);
        }
        var summary = failure is null ? $"ok, {run} cells" : $"FAILED at cell {failure.CellNumber} ({failure.Ename})" + NotRun(run, cells.Count);
        progress.WriteLine($"[run-notebook] {path}: {summary}; {clock.Elapsed.TotalSeconds:F1} s; wrote {writeTo}");
        return new NotebookRunResult(path, writeTo, cells.Count, run, failure, timedOut, clock.Elapsed);
    }

    private async Task<(CellFailure?, bool TimedOut)> RunCellAsync(Notebook notebook, string folder, NotebookCell cell, int number, int count,
                                                                   CSharpSession session, KernelThread thread)
    {
        progress.Write($"  cell {number.ToString().PadLeft(count.ToString().Length)}/{count}  {Headline(cell.Source),-50} ");
        progress.Flush();
        var clock = Stopwatch.StartNew();
        var outputs = new CellOutputs();
        (CellFailure, JsonObject)? failed = null;
        var timedOut = false;
        var notes = new List<string>();
        try
        {
            var kernel = cell.KernelName(notebook.DefaultKernel);
            if (!Notebook.CSharpKernelNames.Contains(kernel))
            {
                failed = CellFailure.Other(number, "UnsupportedKernel",
                    $"this is a '{kernel}' cell; run-notebook runs C# cells only");
            }
            else
            {
                var plan = CellDirectives.Parse(cell.Source, folder);
                foreach (var request in plan.Packages)
                {
                    var package = CarriedPackages.Resolve(request);
                    session.AddReferences(package.Assemblies);
                    if (package.Note is not null) notes.Add(package.Note);
                }
                session.AddReferences(plan.AssemblyPaths);
                (failed, timedOut) = await ExecuteAsync(plan.Code, number, session, thread, outputs);
            }
        }
        catch (CellDirectiveException e)
        {
            failed = CellFailure.Directive(number, e);
        }
        if (failed is var (failure, error))
        {
            outputs.Add(error);
            progress.WriteLine($"FAILED after {clock.Elapsed.TotalSeconds:F2} s");
            progress.WriteLine($"    {failure}");
        }
        else progress.WriteLine($"{clock.Elapsed.TotalSeconds,6:F2} s");
        foreach (var note in notes) progress.WriteLine($"    note: {note}");
        cell.SetResult(number, outputs.ToJson());
        return (failed?.Item1, timedOut);
    }

    private async Task<((CellFailure, JsonObject)?, bool)> ExecuteAsync(string code, int number, CSharpSession session,
                                                                        KernelThread thread, CellOutputs outputs)
    {
        CellOutputs.Current = outputs;
        var capture = new ConsoleCapture(outputs);
        try
        {
            var running = thread.Run(() => session.RunAsync(code, $"cell {number}"));
            if (cellTimeout is { } limit && await Task.WhenAny(running, Task.Delay(limit)) != running)
                return (CellFailure.Other(number, "CellTimeout",
                    $"the cell did not finish within {limit.TotalSeconds:0.#} s (--cell-timeout); run-notebook stopped " +
                    "here and abandoned the cell"), true);
            var result = await running;
            if (result.CompileErrors.Count > 0) return (CellFailure.Compile(number, result.CompileErrors), false);
            if (result.Exception is { } e) return (CellFailure.Thrown(number, e), false);
            if (!result.HasReturnValue) return (null, false);
            try
            {
                outputs.Add(CellOutput.ExecuteResult(DisplayFormatter.Format(result.ReturnValue, []).Data, number));
            }
            catch (Exception shown)
            {
                // A lazy sequence (or a registered formatter) can throw only when shown: that is the cell's failure.
                var cause = shown is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : shown;
                return (CellFailure.Thrown(number, cause), false);
            }
            return (null, false);
        }
        finally
        {
            capture.Dispose();
            CellOutputs.Current = null;
        }
    }

    private static string NotRun(int run, int count) =>
        run >= count ? "" : run + 1 == count ? $" (cell {count} not run)" : $" (cells {run + 1}–{count} not run)";

    /// <summary>The cell's first non-blank line, shortened, for the progress line.</summary>
    private static string Headline(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)";
        return line.Length <= 48 ? line : line[..47] + "…";
    }
}
