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
        Fold = f.Index, Epochs = f.Losses.Count, FirstEpochLoss = Math.Round(f.Losses[0], 2), FinalLoss = Math.Round(f.Losses[^1], 2),
        Reduction = Say.Percent(Reduction(f), 0), Run = Path.GetRelativePath(parameters.RunsRoot, f.Folder).Replace('\\', '/'),
    }));

    /// <summary>"What we see", generated from the losses above.</summary>
    public Findings WhatWeSee()
    {
        var reductions = Folds.Select(Reduction).ToList();
        var rose = Folds.Where(f => f.Losses[^1] > f.Losses[0]).Select(f => $"fold {f.Index}").ToList();
        return new Findings(
        [
            $"Over {Folds.Count} folds and {Folds[0].Losses.Count} epochs the regression loss fell by {Say.Percent(reductions.Min(), 0)} " +
            $"to {Say.Percent(reductions.Max(), 0)} from the first epoch to the last (first-epoch loss {Say.Number(Folds.Min(f => f.Losses[0]), 1)}–" +
            $"{Say.Number(Folds.Max(f => f.Losses[0]), 1)}, last {Say.Number(Folds.Min(f => f.Losses[^1]), 1)}–{Say.Number(Folds.Max(f => f.Losses[^1]), 1)}).",
            rose.Count == 0 ? "No fold's loss ended above where it started." : $"The loss ended higher than it started on {Say.List(rose)}.",
            Say.Scale(parameters),
        ]);
    }

    private static double Reduction(Fold f) => 1 - f.Losses[^1] / f.Losses[0];

    private IReadOnlyList<Fold> Folds => folds ??= Enumerable.Range(0, experiment.FoldCount)
        .Select(k => new Fold(k, experiment.History("fn2en-stage1", k).Losses, experiment.Run("fn2en-stage1", k).Folder)).ToList();

    public void Dispose() => experiment.Dispose();
}
