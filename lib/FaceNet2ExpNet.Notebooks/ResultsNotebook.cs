using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebooks 05–09: one dataset's results beside the paper's table (Tables III–VI) — the paper's rows, ours (every
/// method on every fold, from the run store, trained when missing), the accuracy chart, FN2EN's confusion matrix
/// (Figs. 6–9) and per-class accuracy. A dataset that is not prepared shows how to prepare it instead.
/// </summary>
public sealed partial class ResultsNotebook(NotebookParameters parameters) : IDisposable
{
    private readonly NotebookExperiment experiment = new(parameters);
    private ResultsTable? table;
    private ResultsTable? withExtra;

    public NotebookParameters Parameters => parameters;
    public string Dataset => parameters.Dataset;
    /// <summary>Whether the dataset is prepared under the data folder.</summary>
    public bool Prepared { get; } = DatasetCatalog.IsPrepared(parameters.DataRoot, parameters.Dataset);

    /// <summary>The paper's table for this dataset, row by row as printed (with the training-data column where it has one).</summary>
    public object PaperTable()
    {
        var rows = PaperResults.For(Dataset).Rows;
        return rows.Any(r => r.Note != "")
            ? Table.Of(rows.Select(r => new { r.Method, Accuracy = $"{r.Accuracy:0.0#} %", Training = r.Note == "" ? "this dataset only" : r.Note }))
            : Table.Of(rows.Select(r => new { r.Method, Accuracy = $"{r.Accuracy:0.0#} %" }));
    }

    /// <summary>Our results table (mean ± std over folds beside the paper's figure), or how to prepare the dataset.</summary>
    public object Ours() => Prepared ? Rows(Results) : NotPrepared(Dataset);

    /// <summary>Our mean accuracy beside the paper's, per method.</summary>
    public object AccuracyChart() => Prepared ? Charts.Accuracies(Results) : NoResults;

    /// <summary>FN2EN's confusion matrix pooled over folds, rows normalised (Figs. 6–9).</summary>
    public object Confusion() => Prepared ? Charts.Confusion($"{Dataset}: FN2EN confusion matrix (%)", experiment.Summary(Experiments.Methods.Fn2En)) : NoResults;

    /// <summary>FN2EN's accuracy per class, pooled over folds.</summary>
    public object PerClassAccuracy()
    {
        if (!Prepared) return NoResults;
        var fn2en = experiment.Summary(Experiments.Methods.Fn2En);
        var pooled = fn2en.PooledConfusion;
        return Table.Of(fn2en.Classes.Select((c, i) => new
        {
            Class = c, Accuracy = pooled[i].Sum() == 0 ? "— (no test images)" : Say.Percent(fn2en.PerClassAccuracy[i]), TestImages = pooled[i].Sum(),
        }));
    }

    /// <summary>
    /// The methods that use a face net (fine-tune, FN2EN) with each face net — the profile's synthetic-identity net, then
    /// the real pretrained ones (faceapi-resnet, faceres) — beside scratch-BN (which uses none), from the folds finished
    /// in the run store; a face net with none says how to train it. Never trains.
    /// </summary>
    public object FaceNetComparison()
    {
        if (!Prepared) return NoResults;
        var rows = new List<FaceNetRow>();
        var scratch = experiment.ResultsSoFarWith(parameters.FaceNetName, [Experiments.Methods.ScratchBn]);
        rows.AddRange(scratch.Table.Rows.Select(r => new FaceNetRow("none", r.Method, r.Ours, $"{r.Folds} of {scratch.Folds}")));
        foreach (var faceNet in new[] { parameters.FaceNetName, FaceNets.FaceApiResNetName, FaceNets.FaceResName }.Distinct())
        {
            var soFar = experiment.ResultsSoFarWith(faceNet, [Experiments.Methods.FineTune, Experiments.Methods.Fn2En]);
            if (soFar.Table.Rows.All(r => r.Folds == 0))
                rows.Add(new FaceNetRow(faceNet, "—", $"not trained yet: dotnet fn2en/bin/Release/net10.0/fn2en.dll run " +
                    $"--dataset {Dataset} --profile {parameters.Profile.Name} --face-net {faceNet}", $"0 of {soFar.Folds}"));
            else
                rows.AddRange(soFar.Table.Rows.Select(r => new FaceNetRow(faceNet, r.Method, r.Ours, $"{r.Folds} of {soFar.Folds}")));
        }
        return Table.Of(rows);
    }

    private sealed record FaceNetRow(string FaceNet, string Method, string Ours, string Folds);

    /// <summary>SFEW with FER2013's training images added (Table VI, second block), or how to prepare FER2013.</summary>
    public object WithFer2013()
    {
        if (!Prepared) return NoResults;
        if (!DatasetCatalog.IsPrepared(parameters.DataRoot, "fer2013")) return NotPrepared("fer2013");
        withExtra ??= experiment.ResultsWithExtraTraining("fer2013");
        return Rows(withExtra);
    }

    /// <summary>"What we see", generated from the numbers above.</summary>
    public Findings WhatWeSee() => Prepared
        ? new Findings(ResultsFindings.Of(Results, experiment, parameters, withExtra))
        : new Findings(ResultsFindings.OfPaperOnly(Dataset, parameters.DataRoot));

    private ResultsTable Results => table ??= experiment.Results();

    internal static Table Rows(ResultsTable results) => Table.Of(results.Rows.Select(r => new { r.Method, Ours = r.Ours, r.Folds, r.Paper }));

    private Note NoResults => new($"(no results: {Dataset} is not prepared under {parameters.DataRoot})");

    private Note NotPrepared(string dataset) => new($"{dataset} is not prepared under {parameters.DataRoot}. Prepare it with: " +
        $"{DatasetCatalog.Known.First(k => k.Name == dataset).Command}, then re-run this notebook.");

    public void Dispose() => experiment.Dispose();
}
