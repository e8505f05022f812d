namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One run of an experiment's plan: its method, fold (null for runs shared by every fold), full config — whose hash
/// is its id and which holds its parents' ids — and the parent runs it is trained from.
/// </summary>
public sealed class PlannedRun
{
    public PlannedRun(MethodSpec method, int? fold, RunConfig config, IReadOnlyList<PlannedRun> parents)
    {
        Method = method;
        Fold = fold;
        Parents = parents;
        Config = config with
        {
            Parents = new SortedDictionary<string, string>(parents.ToDictionary(p => p.Method.Key, p => p.Id), StringComparer.Ordinal),
        };
        Id = Config.Id();
    }

    public MethodSpec Method { get; }
    public int? Fold { get; }
    public RunConfig Config { get; }
    /// <summary>The config's hash: the run folder's name.</summary>
    public string Id { get; }
    public IReadOnlyList<PlannedRun> Parents { get; }
    /// <summary>"fold-3", or "all" for a run shared by every fold.</summary>
    public string FoldName => Fold is { } k ? $"fold-{k}" : "all";
    /// <summary>"fn2en fold-3": named as the run folder and as <c>fn2en run --folds 3</c> name it (folds count from 0).</summary>
    public string Label => Fold is { } k ? $"{Method.Key} fold-{k}" : Method.Key;

    /// <summary>The parent run of <paramref name="method"/>.</summary>
    /// <exception cref="InvalidOperationException">This run has no such parent.</exception>
    public PlannedRun Parent(MethodSpec method) => Parents.FirstOrDefault(p => p.Method == method)
        ?? throw new InvalidOperationException($"{Label} has no {method.Key} parent.");

    public override string ToString() => $"{Label} ({Id})";
}
