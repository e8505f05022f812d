namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One run of an experiment's plan: its method, fold (null for runs shared by every fold), full config — whose hash
/// is its id and which holds its parents' ids — and the parent runs it is trained from.
/// </summary>
public sealed class PlannedRun
{
    public PlannedRun(string method, int? fold, RunConfig config, IReadOnlyList<PlannedRun> parents)
    {
        Method = method;
        Fold = fold;
        Parents = parents;
        Config = config with
        {
            Parents = new SortedDictionary<string, string>(parents.ToDictionary(p => p.Method, p => p.Id)),
        };
        Id = Config.Id();
    }

    public string Method { get; }
    public int? Fold { get; }
    public RunConfig Config { get; }
    /// <summary>The config's hash: the run folder's name.</summary>
    public string Id { get; }
    public IReadOnlyList<PlannedRun> Parents { get; }
    /// <summary>"fold-3", or "all" for a run shared by every fold.</summary>
    public string FoldName => Fold is { } k ? $"fold-{k}" : "all";

    /// <summary>The parent run of <paramref name="method"/>.</summary>
    /// <exception cref="InvalidOperationException">This run has no such parent.</exception>
    public PlannedRun Parent(string method) => Parents.FirstOrDefault(p => p.Method == method)
        ?? throw new InvalidOperationException($"{Method} ({FoldName}) has no {method} parent.");

    public override string ToString() => $"{Method} {FoldName} ({Id})";
}
