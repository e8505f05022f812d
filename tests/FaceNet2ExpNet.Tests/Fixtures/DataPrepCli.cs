using System.CommandLine;
using FaceNet2ExpNet.DataPrep;

namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>One data-prep command run through <see cref="Cli.Run"/> as the tool runs it, with stdout and stderr captured (tests in the "Console" collection).</summary>
public static class DataPrepCli
{
    public static (int Code, string Out, string Err) Run(Command command, params string[] args)
    {
        var root = new RootCommand("test") { command };
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return (Cli.Run(root, [command.Name, .. args]), stdout.ToString(), stderr.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
