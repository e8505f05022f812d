using System.Diagnostics;

namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>The repository checkout the tests run from, and its built command-line tools.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "FaceNet2ExpNet.sln"))) return d.FullName;
        throw new InvalidOperationException($"No FaceNet2ExpNet.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Path of a built tool (Release), e.g. Tool("fn2en", "fn2en"); fails clearly if the solution was not built.</summary>
    public static string Tool(string project, string assembly)
    {
        var path = Path.Combine(Root, project, "bin", "Release", "net10.0", assembly + ".dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} not found: build the solution in Release first (./test.sh does).");
        return path;
    }

    /// <summary>Starts `dotnet tool.dll args` in <paramref name="workingDirectory"/>, output captured.</summary>
    public static Process Start(string tool, string workingDirectory, params string[] args) => Start(tool, workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string, string, string[])"/>, with extra environment variables.</summary>
    public static Process Start(string tool, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.ArgumentList.Add(tool);
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
