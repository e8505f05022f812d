using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Experiments;

/// <summary>A run of the results table that is not finished (or whose metrics.json is damaged), and why.</summary>
/// <param name="Folder">The run folder, relative to the working directory.</param>
/// <param name="Reason">"not trained yet", "being trained by node12 pid 4711 (since …)", or what is damaged and the command that repairs it.</param>
public sealed record MissingRun(MethodSpec Method, int Fold, string Folder, string Reason, bool Damaged)
{
    /// <summary>
    /// The same run finished under other settings, as the --set options that find it, newest first
    /// (<see cref="RunStore.FinishedUnderOtherSettings"/>): a changed profile default gives a plan new ids, and the
    /// runs trained before it stay in the store.
    /// </summary>
    public IReadOnlyList<string> FinishedWith { get; init; } = [];

    /// <summary>"not trained yet", and where it is finished under other settings, the first three of them.</summary>
    public string Described => FinishedWith.Count == 0 ? Reason
        : $"{Reason}; finished with {string.Join(" · ", FinishedWith.Take(3))}{(FinishedWith.Count > 3 ? $" · {FinishedWith.Count - 3} more" : "")}";
}

/// <summary>The results table from the finished runs of an experiment, and the runs still missing (<see cref="Experiment.ResultsSoFar"/>).</summary>
public sealed record ResultsSoFar(ResultsTable Table, IReadOnlyList<MissingRun> Missing, int Folds)
{
    /// <summary>Every run of the table is finished and readable.</summary>
    public bool IsComplete => Missing.Count == 0;

    /// <summary>The table, then one line per missing run.</summary>
    public override string ToString()
    {
        if (IsComplete) return Table.ToString();
        var lines = Missing.Select(m => $"  {m.Method} fold-{m.Fold}: {m.Described}");
        return $"{Table}\n\nNot in the table yet ({Missing.Count} of {Table.Rows.Count * Folds} runs):\n{string.Join("\n", lines)}";
    }
}
