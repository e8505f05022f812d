using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebook 03: stage 1 (Sec. III-A/B, eq. 4) — ExpNet's conv layers regress the frozen fine-tuned face net's pool5;
/// the regression loss per fold over epochs (runs trained here when missing).
/// </summary>
public sealed class Stage1Notebook(NotebookParameters parameters) : IDisposable
{
    private readonly NotebookExperiment experiment = new(parameters);
    private IReadOnlyList<Fold>? folds;

    private sealed record Fold(int Index, IReadOnlyList<double> Losses, string Folder);

    public NotebookParameters Parameters => parameters;

    /// <summary>The stage-1 loss ‖g(I) − G(I)‖² per image over epochs, one line per fold (log scale).</summary>
    public ChartFigure LossCurves() => Charts.Curves("Stage-1 regression loss per fold",
        Folds.Select(f => ($"fold {f.Index}", f.Losses)), "‖g(I) − G(I)‖² per image", logY: true);

    /// <summary>Per fold: epochs, first- and last-epoch loss, the reduction, and the run folder (under the runs root).</summary>
    public Table LossTable() => Table.Of(Folds.Select(f => new
    {
        Fold = f.Index, Epochs = f.Losses.Count, FirstEpochLoss = Say.Number(f.Losses[0]), FinalLoss = Say.Number(f.Losses[^1]),
        Reduction = Say.Percent(Reduction(f), 0), Run = Path.GetRelativePath(parameters.RunsRoot, f.Folder).Replace('\\', '/'),
    }));

    /// <summary>"What we see", generated from the losses above.</summary>
    public Findings WhatWeSee()
    {
        var reductions = Folds.Select(Reduction).ToList();
        var rose = Folds.Where(f => f.Losses[^1] > f.Losses[0]).Select(f => $"fold {f.Index}").ToList();
        var first = $"{Say.Number(Folds.Min(f => f.Losses[0]), 1)}–{Say.Number(Folds.Max(f => f.Losses[0]), 1)}";
        var last = $"{Say.Number(Folds.Min(f => f.Losses[^1]), 1)}–{Say.Number(Folds.Max(f => f.Losses[^1]), 1)}";
        var epochs = Folds.Max(f => f.Losses.Count);
        var points = new List<string>();
        if (epochs == 1)
            points.Add($"One epoch per fold at this profile: the regression loss after it is {first} per image over {Folds.Count} folds; there is no trend to read.");
        else
        {
            points.Add($"Over {Folds.Count} folds and {epochs} epochs the regression loss went from {first} per image after the first epoch to {last} " +
                       $"after the last: a reduction of {Say.Percent(reductions.Min(), 0)} to {Say.Percent(reductions.Max(), 0)} per fold.");
            points.Add(rose.Count == 0 ? "No fold's loss ended above where it started." : $"The loss ended higher than it started on {Say.List(rose)}.");
        }
        points.Add(Say.Scale(parameters));
        return new Findings(points);
    }

    private static double Reduction(Fold f) => 1 - f.Losses[^1] / f.Losses[0];

    private IReadOnlyList<Fold> Folds => folds ??= Enumerable.Range(0, experiment.FoldCount)
        .Select(k => new Fold(k, experiment.History(Experiments.Methods.Stage1, k).Losses, experiment.Run(Experiments.Methods.Stage1, k).Folder)).ToList();

    public void Dispose() => experiment.Dispose();
}
