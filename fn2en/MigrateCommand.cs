using System.CommandLine;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Cli;

/// <summary>
/// `fn2en migrate [--runs runs]`: renames runs made before run ids named only the settings each run uses to their new
/// ids (<see cref="RunStoreMigration"/>), one line per folder. Idempotent: a second call finds nothing to move.
/// </summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var runs = new Option<string>("--runs") { Description = "Run store folder", DefaultValueFactory = _ => "runs" };
        var command = new Command("migrate", "Rename runs made by earlier versions to the ids this version gives them (once per run store).") { runs };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(runs)!;
            if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{root}: no such run store.");
            var moves = RunStoreMigration.Migrate(root, Console.Out);
            Console.WriteLine(moves.Count == 0
                ? $"[migrate] {root}: nothing to migrate (every run is current)"
                : $"[migrate] {root}: {moves.Count(m => m.Moved)} run folder(s) renamed, {moves.Count(m => !m.Moved)} left in place");
            return moves.Any(m => !m.Moved) ? 2 : 0;
        });
        return command;
    }
}
