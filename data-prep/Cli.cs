using System.CommandLine;
using FaceNet2ExpNet.Data;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>Runs a command line and turns expected failures (bad data, bad paths) into one clear line and exit code 2.</summary>
public static class Cli
{
    public static int Run(RootCommand root, string[] args)
    {
        try { return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }); }
        // IOException covers a full disk and missing paths; UnauthorizedAccessException a --data or source the user may not write or read.
        catch (Exception e) when (e is DatasetFormatException or InvalidDataException or IOException or UnauthorizedAccessException
                                      or ArgumentException or InvalidOperationException or ModelInstallException)
        {
            // One line, whatever the message quotes (file names and file content may hold newlines or escape sequences).
            Console.Error.WriteLine($"data-prep: error: {FaceNet2ExpNet.Data.Imaging.SafeText.Escape(e.Message)}");
            return 2;
        }
    }
}
