using System.CommandLine;
using FaceNet2ExpNet.NotebookTool;

// fn2en-notebooks: the notebooks' sources (.dib) → .ipynb, execution in the real kernel, the check of the outputs, the
// results notebooks from their template, and each notebook's kernel-free twin (a .NET 10 file-based app) and its runs.
var root = new RootCommand("The FaceNet2ExpNet notebooks: convert .dib sources, execute in the .NET Interactive kernel via Jupyter, check outputs, " +
                           "generate the results notebooks from their template, write and run the kernel-free twins.");
root.Add(Commands.Convert());
root.Add(Commands.Execute());
root.Add(Commands.Check());
root.Add(Commands.Generate());
root.Add(Commands.Twin());
root.Add(Commands.RunTwins());
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

    public static Command Generate()
    {
        var template = new Argument<FileInfo>("template") { Description = "The template .dib (its entries: the .json beside it), e.g. notebooks/templates/results.dib" };
        var verify = new Option<bool>("--verify") { Description = "Write nothing; fail when a generated .dib differs from the template's" };
        var command = new Command("generate", "Write the notebooks a template makes (the results notebooks 05–09 from notebooks/templates/results.dib).") { template, verify };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(template)!;
            if (!file.Exists) throw new FileNotFoundException($"{file.FullName}: no such file");
            var failed = 0;
            foreach (var (path, text) in ResultsTemplate.Generate(file.FullName))
            {
                if (!parse.GetValue(verify))
                {
                    File.WriteAllText(path, text);
                    Console.WriteLine($"[notebooks] {file.Name} → {path}");
                }
                else if (!File.Exists(path) || File.ReadAllText(path).Replace("\r\n", "\n") != text)
                {
                    Console.Error.WriteLine($"[notebooks] {Path.GetFileName(path)} is not what {file.Name} makes (run fn2en-notebooks generate {file.Name}, then twin and convert)");
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static Command Twin()
    {
        var files = new Argument<FileInfo[]>("sources") { Description = ".dib files", Arity = ArgumentArity.OneOrMore };
        var verify = new Option<bool>("--verify") { Description = "Write nothing; fail when an existing twin (.cs) differs from what its .dib makes" };
        var command = new Command("twin", "Write each .dib's kernel-free twin: the .cs beside it, a .NET 10 file-based app (dotnet run NN-name.cs).") { files, verify };
        command.SetAction(parse =>
        {
            var failed = 0;
            foreach (var dib in parse.GetValue(files)!)
            {
                if (!dib.Exists) throw new FileNotFoundException($"{dib.FullName}: no such file");
                var twin = TwinGenerator.TwinPath(dib.FullName);
                var text = TwinGenerator.ForFile(dib.FullName);
                if (!parse.GetValue(verify))
                {
                    File.WriteAllText(twin, text);
                    Console.WriteLine($"[notebooks] {dib.Name} → {twin}");
                }
                else if (!File.Exists(twin) || File.ReadAllText(twin).Replace("\r\n", "\n") != text)
                {
                    Console.Error.WriteLine($"[notebooks] {Path.GetFileName(twin)} is not the twin of {dib.Name} (run fn2en-notebooks twin {dib.Name})");
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static Command RunTwins()
    {
        var files = new Argument<FileInfo[]>("twins") { Description = "Twins (.cs), run in this order", Arity = ArgumentArity.OneOrMore };
        var reports = new Option<DirectoryInfo?>("--reports") { Description = "Write the reports here (REPORTS_ROOT; default: reports/ beside each twin)" };
        var command = new Command("run-twins", "Run notebooks' twins without the kernel (dotnet run NN-name.cs) and check each wrote its report.") { files, reports };
        command.SetAction(parse =>
        {
            var results = new List<TwinResult>();
            foreach (var twin in parse.GetValue(files)!)
            {
                if (!twin.Exists) throw new FileNotFoundException($"{twin.FullName}: no such file");
                Console.WriteLine($"[twins] {twin.Name}: dotnet run {twin.Name}…");
                var folder = parse.GetValue(reports)?.FullName ?? Path.Combine(twin.DirectoryName!, "reports");
                var result = TwinRunner.Run(twin.FullName, folder, Console.Out);
                results.Add(result);
                Console.WriteLine($"[twins] {twin.Name}: {(result.Passed ? "ok" : "FAILED")} in {result.Elapsed.TotalSeconds:F1} s → {result.Report}");
                foreach (var problem in result.Problems) Console.WriteLine($"    {problem}");
            }
            var failed = results.Count(r => !r.Passed);
            Console.WriteLine($"[twins] {results.Count - failed} passed, {failed} failed in {results.Sum(r => r.Elapsed.TotalSeconds):F0} s");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
