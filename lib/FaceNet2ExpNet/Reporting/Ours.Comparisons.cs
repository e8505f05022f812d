using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Reporting;

public static partial class Ours
{
    /// <summary>The face nets pretrained on real faces that notebook 05 compares.</summary>
    private static readonly string[] RealFaceNets = [FaceNets.FaceApiResNetName, FaceNets.FaceResName];

    /// <summary>
    /// Notebook 05: the face-net methods (fine-tune, FN2EN) with every face net — the experiment's, then the real
    /// pretrained ones — beside scratch-BN (which uses none), from the folds finished in the run store. Never trains:
    /// a face net with no finished fold gets the command that trains it.
    /// </summary>
    public static object FaceNetComparison(ExperimentSettings settings, Experiment? experiment)
    {
        if (experiment is null) return NoResults;
        var scratch = experiment.ResultsSoFar([Methods.ScratchBn]);
        var rows = scratch.Table.Rows.Select(r => new FaceNetRow("none", r.Method, r.Ours, $"{r.Folds} of {scratch.Folds}")).ToList();
        foreach (var faceNet in new[] { experiment.FaceNet }.Concat(RealFaceNets).Distinct())
        {
            using var other = new Experiment(settings with { FaceNet = faceNet }, TextWriter.Null);
            rows.AddRange(RowsSoFar(other, [Methods.FineTune, Methods.Fn2En], (r, ours, folds) => new FaceNetRow(faceNet, r?.Method ?? "—", ours, folds)));
        }
        return Reporting.Table.Of(rows);
    }

    /// <summary>
    /// Notebook 05: the paper's three methods at <paramref name="profile"/> (cpu: the paper's architecture) with each
    /// real face net, from the folds finished in the run store — mean ± std, folds finished, the paper's figure and the
    /// minutes a fold's runs took (<see cref="Experiment.FoldSeconds"/>). Never trains: where nothing is finished it
    /// shows the command that trains it. <paramref name="settings"/> are the notebook's; only the profile and face net change.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown profile.</exception>
    public static object ProfileComparison(ExperimentSettings settings, string profile)
    {
        if (!DatasetCatalog.IsPrepared(settings.DataRoot, settings.Dataset)) return NoResults;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var faceNet in RealFaceNets)
        {
            Experiment experiment;
            try { experiment = new Experiment(settings with { Profile = Profile.Named(profile), FaceNet = faceNet }, TextWriter.Null); }
            catch (InvalidOperationException e)
            {
                // e.g. the smoke corpus (40 px) under a profile that loads 112 px: no run of that profile can exist on it.
                rows.Add([faceNet, "—", $"not on this data: {e.Message}", "—", "—", "—"]);
                continue;
            }
            using var _ = experiment;
            var minutes = MinutesPerFold(experiment);
            rows.AddRange(RowsSoFar(experiment, Methods.Compared, (r, ours, folds) => (IReadOnlyList<string>)[faceNet, r?.Method ?? "—", ours, folds, r?.Paper ?? "—", minutes]));
        }
        return new Reporting.Table(["Face net", "Method", "Ours (mean ± std over folds)", "Folds finished", "Paper",
            "Minutes per fold (sum of its 4 runs' epoch times: no teacher-target caching or data loading)"], rows);
    }

    /// <summary>
    /// One experiment's rows of <paramref name="methods"/> from its finished folds: a method without any says "not trained
    /// yet" and the command that trains it; when no method has a finished fold, one row (no method) says so instead.
    /// </summary>
    private static IEnumerable<T> RowsSoFar<T>(Experiment experiment, IReadOnlyCollection<MethodSpec> methods, Func<ResultsRow?, string, string, T> row)
    {
        var soFar = experiment.ResultsSoFar(methods);
        var untrained = $"not trained yet: {experiment.Command("run")}";
        return soFar.Table.Rows.All(r => r.Folds == 0)
            ? [row(null, untrained, $"0 of {soFar.Folds}")]
            : soFar.Table.Rows.Select(r => row(r, r.Folds == 0 ? untrained : r.Ours, $"{r.Folds} of {soFar.Folds}")).ToList();
    }

    /// <summary>"31.4 (3 folds)": the mean, in minutes, over the folds whose runs are all finished; "—" before any.</summary>
    private static string MinutesPerFold(Experiment experiment)
    {
        try
        {
            var seconds = Enumerable.Range(0, experiment.FoldCount).Select(experiment.FoldSeconds).OfType<double>().ToList();
            return seconds.Count == 0 ? "—" : $"{Say.Number(seconds.Average() / 60, 1)} ({seconds.Count} fold{(seconds.Count == 1 ? "" : "s")})";
        }
        catch (InvalidDataException e) { return $"— ({e.Message})"; }
    }

    private sealed record FaceNetRow(string FaceNet, string Method, string Ours, string Folds);
}
