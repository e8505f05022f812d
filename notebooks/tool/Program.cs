using System.CommandLine;
using FaceNet2ExpNet.NotebookTool;

// fn2en-notebooks: the notebooks' sources (.dib) → .ipynb, execution in the real kernel, and the check of the outputs.
var root = new RootCommand("The FaceNet2ExpNet notebooks: convert .dib sources, execute in the .NET Interactive kernel via Jupyter, check outputs.");
root.Add(Commands.Convert());
root.Add(Commands.Execute());
root.Add(Commands.Check());
try { return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }); }
catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"fn2en-notebooks: error: {e.Message}");
    return 2;
}

internal static class Commands
{
    public static Command Convert()
    {
        var files = new Argument<FileInfo[]>("sources") { Description = ".dib files", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the .ipynb here (default: beside each .dib)" };
        var verify = new Option<bool>("--verify") { Description = "Write nothing; fail when an existing .ipynb's cells differ from its .dib" };
        var command = new Command("convert", "Convert .dib sources to .ipynb notebooks (not executed).") { files, output, verify };
        command.SetAction(parse =>
        {
            var failed = 0;
            foreach (var dib in parse.GetValue(files)!)
            {
                if (!dib.Exists) throw new FileNotFoundException($"{dib.FullName}: no such file");
                if (!parse.GetValue(verify))
                {
                    Console.WriteLine($"[notebooks] {dib.Name} → {DibConverter.ConvertFile(dib.FullName, parse.GetValue(output)?.FullName)}");
                    continue;
                }
                var ipynb = Path.ChangeExtension(dib.FullName, ".ipynb");
                var difference = !File.Exists(ipynb) ? "no .ipynb beside it"
                    : SourceMatch.Difference(DibConverter.Cells(File.ReadAllText(dib.FullName), dib.Name), DibConverter.NotebookCells(File.ReadAllText(ipynb), ipynb));
                if (difference is null) continue;
                Console.Error.WriteLine($"[notebooks] {dib.Name}: {difference} (run fn2en-notebooks convert, then execute)");
                failed++;
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static Command Execute()
    {
        var files = new Argument<FileInfo[]>("notebooks") { Description = ".ipynb files, run in this order", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the executed notebooks here (default: in place)" };
        var timeout = new Option<int>("--cell-timeout") { Description = "Seconds one cell may run", DefaultValueFactory = _ => 3600 };
        var command = new Command("execute", "Execute notebooks in the .NET Interactive kernel (jupyter nbconvert, kernel .net-csharp) and check their outputs.")
            { files, output, timeout };
        command.SetAction(parse =>
        {
            var executor = new JupyterExecutor(JupyterExecutor.FindJupyter(), TimeSpan.FromSeconds(parse.GetValue(timeout)));
            var results = new List<ExecutionResult>();
            foreach (var notebook in parse.GetValue(files)!)
            {
                if (!notebook.Exists) throw new FileNotFoundException($"{notebook.FullName}: no such file");
                Console.WriteLine($"[notebooks] {notebook.Name}: executing in the .NET Interactive kernel…");
                var result = executor.Execute(notebook.FullName, parse.GetValue(output)?.FullName);
                results.Add(result);
                Console.WriteLine($"[notebooks] {notebook.Name}: {(result.Passed ? "ok" : "FAILED")} in {result.Elapsed.TotalSeconds:F1} s → {result.Written}");
                foreach (var problem in result.Problems) Console.WriteLine($"    {problem}");
            }
            var failed = results.Count(r => !r.Passed);
            Console.WriteLine($"[notebooks] {results.Count - failed} passed, {failed} failed in {results.Sum(r => r.Elapsed.TotalSeconds):F0} s");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static Command Check()
    {
        var files = new Argument<FileInfo[]>("notebooks") { Description = "Executed .ipynb files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check executed notebooks: no errors, charts with image/png + text/plain, C# lexer, profile, 'What we see'.") { files };
        command.SetAction(parse =>
        {
            var failed = 0;
            foreach (var notebook in parse.GetValue(files)!)
            {
                if (!notebook.Exists) throw new FileNotFoundException($"{notebook.FullName}: no such file");
                var problems = OutputCheck.Problems(File.ReadAllText(notebook.FullName));
                Console.WriteLine($"[notebooks] {notebook.Name}: {(problems.Count == 0 ? "ok" : "FAILED")}");
                foreach (var problem in problems) Console.WriteLine($"    {problem}");
                if (problems.Count > 0) failed++;
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
