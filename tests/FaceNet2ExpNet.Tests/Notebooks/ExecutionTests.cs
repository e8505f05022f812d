using FaceNet2ExpNet.Notebooks.Format;
using static FaceNet2ExpNet.Tests.Notebooks.RunnerHarness;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>Cells run in order in one C# session: state, execution counts, console capture, failures, timeouts.</summary>
[Collection(NotebookRunnerCollection.Name)]
public class ExecutionTests
{
    [Fact]
    public void StateCarriesAcrossCells_AndCountsRunOneToN()
    {
        using var h = new RunnerHarness();
        var path = h.Write("state.ipynb", new NotebookBuilder()
            .Code("var x = 20;\nrecord Point(int X, int Y);")
            .Markdown("Between the cells.")
            .Code("var p = new Point(x, 2);")
            .Code("p.X + p.Y"));
        var (exit, stdout, _) = Run(path);
        var nb = Notebook.Load(path);

        Assert.Equal(0, exit);
        Assert.Equal([1, 2, 3], nb.CodeCells.Select(c => c.ExecutionCount ?? -1));
        Assert.Null(nb.Cells[1].Json["execution_count"]);
        var result = Assert.Single(Outputs(nb, 3));
        Assert.Equal("execute_result", Kind(result));
        Assert.Equal(3, result["execution_count"]!.GetValue<int>());
        Assert.Equal("22", MimeText(result, "text/plain"));
        Assert.Contains("cell 3/3", stdout);
    }

    [Fact]
    public void ConsoleOutput_IsCapturedAsStreams_InterleavedWithDisplays()
    {
        using var h = new RunnerHarness();
        var before = Console.Out;
        var (exit, _, nb) = h.RunCells(
            "Console.Write(\"a\"); Console.WriteLine(\"b\");\ndisplay(\"shown\");\nConsole.Error.WriteLine(\"warn\");\nConsole.WriteLine(\"c\");");

        Assert.Equal(0, exit);
        Assert.Same(before, Console.Out);
        var outputs = Outputs(nb, 1);
        Assert.Equal(["stream", "display_data", "stream", "stream"], outputs.Select(Kind));
        Assert.Equal("stdout", outputs[0]["name"]!.GetValue<string>());
        Assert.Equal("ab\n", Multiline.Join(outputs[0]["text"]));
        Assert.Equal("shown", MimeText(outputs[1], "text/plain"));
        Assert.Equal("stderr", outputs[2]["name"]!.GetValue<string>());
        Assert.Equal("warn\n", Multiline.Join(outputs[2]["text"]));
        Assert.Equal("c\n", Multiline.Join(outputs[3]["text"]));
    }

    [Fact]
    public void CellsRunOnOneThread_SoThreadLocalStateSurvives()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells(
            "var first = Environment.CurrentManagedThreadId;",
            "Environment.CurrentManagedThreadId == first");
        Assert.Equal(0, exit);
        Assert.Equal("True", MimeText(Outputs(nb, 2)[0], "text/plain"));
    }

    [Fact]
    public void WorkingDirectory_IsTheNotebooksFolder()
    {
        using var h = new RunnerHarness();
        File.WriteAllText(h.Dir["data.txt"], "42");
        var before = Environment.CurrentDirectory;
        var (exit, _, nb) = h.RunCells("using System.IO;\nFile.ReadAllText(\"data.txt\")");
        Assert.Equal(0, exit);
        Assert.Equal("42", MimeText(Outputs(nb, 1)[0], "text/plain"));
        Assert.Equal(before, Environment.CurrentDirectory);
    }

    [Fact]
    public void FailingCell_RecordsTheError_StopsTheNotebook_AndExitsOne()
    {
        using var h = new RunnerHarness();
        var before = Console.Out;
        var path = h.Write("fail.ipynb", new NotebookBuilder()
            .Code("Console.WriteLine(\"before\");")
            .Code("Console.WriteLine(\"partial\");\nthrow new InvalidOperationException(\"boom\");")
            .Code("Console.WriteLine(\"never\");"));
        // A previous run's outputs in the last cell must not survive as if they were current.
        var stale = Notebook.Load(path);
        stale.CodeCells[2].SetResult(7, [CellOutput.Stream("stdout", "stale\n")]);
        stale.Save(path);

        var (exit, stdout, _) = Run(path);
        var nb = Notebook.Load(path);

        Assert.Equal(1, exit);
        Assert.Same(before, Console.Out);
        Assert.Equal("before\n", Multiline.Join(Outputs(nb, 1)[0]["text"]));
        var outputs = Outputs(nb, 2);
        Assert.Equal(["stream", "error"], outputs.Select(Kind));
        Assert.Equal("partial\n", Multiline.Join(outputs[0]["text"]));
        Assert.Equal("System.InvalidOperationException", outputs[1]["ename"]!.GetValue<string>());
        Assert.Equal("boom", outputs[1]["evalue"]!.GetValue<string>());
        var trace = outputs[1]["traceback"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal("System.InvalidOperationException: boom", trace[0]);
        Assert.Contains(trace, l => l.Contains("cell 2:line 2"));
        Assert.Equal(2, nb.CodeCells[1].ExecutionCount);
        Assert.Null(nb.CodeCells[2].ExecutionCount);
        Assert.Empty(Outputs(nb, 3));
        Assert.Contains("FAILED at cell 2 (System.InvalidOperationException)", stdout);
        Assert.Contains("(cell 3 not run)", stdout);
    }

    [Fact]
    public void CompileError_NamesTheCell_AndTheLineWithinIt()
    {
        using var h = new RunnerHarness();
        var (exit, stdout, nb) = h.RunCells(
            "var ok = 1;",
            "#r \"nuget: Plotly.NET, 6.0.0\"\nint n = \"text\";\nvar y = undefinedName;");

        Assert.Equal(1, exit);
        var error = Assert.Single(Outputs(nb, 2));
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
        var evalue = error["evalue"]!.GetValue<string>();
        // Line numbers are the cell's own: the #r line counts, as in the kernel.
        Assert.Contains("(2,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", evalue);
        Assert.Contains("(3,9): error CS0103: The name 'undefinedName' does not exist in the current context", evalue);
        Assert.Equal("Cell 2 does not compile:", error["traceback"]![0]!.GetValue<string>());
        Assert.Contains("cell 2: CompilationError: (2,9): error CS0029", stdout);
    }

    [Fact]
    public void CellTimeout_StopsTheNotebook_WithATimeoutError()
    {
        using var h = new RunnerHarness();
        var path = h.Write("slow.ipynb", new NotebookBuilder()
            .Code("System.Threading.Thread.Sleep(2000);")
            .Code("1"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, _, stderr) = Run(path, "--cell-timeout", "0.3");
        var nb = Notebook.Load(path);

        Assert.Equal(1, exit);
        Assert.True(clock.Elapsed.TotalSeconds < 1.9, $"took {clock.Elapsed.TotalSeconds:F1} s");
        var error = Assert.Single(Outputs(nb, 1));
        Assert.Equal("CellTimeout", error["ename"]!.GetValue<string>());
        Assert.Contains("within 0.3 s", error["evalue"]!.GetValue<string>());
        Assert.Null(nb.CodeCells[1].ExecutionCount);
        Assert.Contains("a cell timed out", stderr);
    }

    [Fact]
    public void CellOfAnotherKernel_FailsWithItsName()
    {
        using var h = new RunnerHarness();
        var nb = new NotebookBuilder().Code("1").Build();
        var cell = nb.CodeCells[0].Json;
        cell["metadata"]!["polyglot_notebook"]!["kernelName"] = "fsharp";
        var path = h.WriteText("fs.ipynb", nb.ToJson());
        var (exit, _, _) = Run(path);
        var error = Assert.Single(Outputs(Notebook.Load(path), 1));
        Assert.Equal(1, exit);
        Assert.Equal("UnsupportedKernel", error["ename"]!.GetValue<string>());
        Assert.Contains("'fsharp' cell", error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void RerunningAnExecutedNotebook_GivesTheSameFile()
    {
        using var h = new RunnerHarness();
        var path = h.Write("again.ipynb", new NotebookBuilder()
            .Markdown("# Title\nSome *markdown*.")
            .Code("#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\nusing Plotly.NET.CSharp;\nConsole.WriteLine(\"hello\");")
            .Code("display(Chart.Line<int, double, string>(x: new[] { 1, 2 }, y: new[] { 0.5, 0.25 }));\nnew[] { (A: 1, B: \"x\") }")
            .Code("Math.PI"));
        Assert.Equal(0, Run(path).Exit);
        var first = File.ReadAllBytes(path);
        Assert.Equal(0, Run(path).Exit);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.True(first[^1] == (byte)'\n');
    }

    [Fact]
    public void OutFolder_LeavesTheSourceUntouched()
    {
        using var h = new RunnerHarness();
        var path = h.Write("src.ipynb", new NotebookBuilder().Code("1 + 1"));
        var original = File.ReadAllText(path);
        var (exit, _, _) = Run(path, "--out", h.Dir["executed"]);
        Assert.Equal(0, exit);
        Assert.Equal(original, File.ReadAllText(path));
        var executed = Notebook.Load(h.Dir["executed/src.ipynb"]);
        Assert.Equal("2", MimeText(Outputs(executed, 1)[0], "text/plain"));
    }

    [Fact]
    public void TopLevelAwait_Works()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells("await Task.Delay(10);\nvar v = await Task.FromResult(5);", "v");
        Assert.Equal(0, exit);
        Assert.Equal("5", MimeText(Outputs(nb, 2)[0], "text/plain"));
    }

    [Fact]
    public void ReturnValueThatThrowsWhenShown_FailsTheCell()
    {
        using var h = new RunnerHarness();
        var (exit, _, nb) = h.RunCells("Enumerable.Range(0, 3).Select(i => 10 / (i - 1))");
        Assert.Equal(1, exit);
        var error = Assert.Single(Outputs(nb, 1));
        Assert.Equal("System.DivideByZeroException", error["ename"]!.GetValue<string>());
    }

    [Fact]
    public void SeveralNotebooks_EachRunsInItsOwnSession_AndOneFailureMeansExitOne()
    {
        using var h = new RunnerHarness();
        var bad = h.Write("a-bad.ipynb", new NotebookBuilder().Code("var shared = 1;\nthrow new Exception(\"x\");"));
        var good = h.Write("b-good.ipynb", new NotebookBuilder().Code("var shared = \"fresh\";\nshared"));
        var (exit, stdout, _) = Run(bad, good);
        Assert.Equal(1, exit);
        Assert.Contains("b-good.ipynb: ok, 1 cells", stdout);
        Assert.Equal("fresh", MimeText(Outputs(Notebook.Load(good), 1)[0], "text/plain"));
    }
}
