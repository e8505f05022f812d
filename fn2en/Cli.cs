using System.CommandLine;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments.Claims;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Cli;

/// <summary>
/// Expected failures become one clear line and an exit code: 2 bad input or a damaged file, 3 training diverged, 4 a file
/// could not be written (a full disk), 5 another process took over a run this one was training.
/// </summary>
public static class Cli
{
    public static int Run(RootCommand root, string[] args)
    {
        try { return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }); }
        catch (RunClaimLostException e)
        {
            Console.Error.WriteLine($"fn2en: {e.Message}");
            return 5;
        }
        catch (TrainingDivergedException e)
        {
            Console.Error.WriteLine($"fn2en: {e.Message}");
            return 3;
        }
        catch (Exception e) when (e is IOException and not (FileNotFoundException or DirectoryNotFoundException) or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"fn2en: error: {e.Message}");
            return 4;
        }
        catch (Exception e) when (e is DatasetFormatException or InvalidDataException or FileNotFoundException
                                      or DirectoryNotFoundException or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"fn2en: error: {e.Message}");
            return 2;
        }
    }
}
