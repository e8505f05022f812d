using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebook 10: what ExpNet's top hidden neurons respond to (Sec. IV-B, Figs. 4–5) — for each expression, the FC-256
/// neurons whose top 20 images are most often of that expression, shown as the mean of those images; FN2EN's ExpNet
/// and, for contrast, ExpNet trained from scratch with batch norm (both fold 0).
/// </summary>
public sealed class NeuronsNotebook(NotebookParameters parameters) : IDisposable
{
    private const int Top = 20, PerExpression = 3;
    private readonly NotebookExperiment experiment = new(parameters);
    private List<NeuronPortrait>? fn2en, scratch;

    public NotebookParameters Parameters => parameters;

    /// <summary>FN2EN's ExpNet: one row per expression, the mean top images of its purest neurons.</summary>
    public ImageSheet Fn2EnNeurons() => NeuronPortraits.Sheet(Fn2En, Scale);

    /// <summary>Which neuron each portrait of FN2EN's sheet is, and how pure its top images are.</summary>
    public Table Fn2EnNeuronTable() => Table.Of(Fn2En.Select(p => new { p.Expression, p.Neuron, Purity = Say.Percent(p.Purity, 0) }));

    /// <summary>The same for ExpNet trained from scratch with batch norm.</summary>
    public ImageSheet ScratchNeurons() => NeuronPortraits.Sheet(Scratch, Scale);

    /// <summary>"What we see", generated from the portraits above.</summary>
    public Findings WhatWeSee() => new(
    [
        Describe("FN2EN", Fn2En), Describe("Train From Scratch (BN)", Scratch),
        $"Mean purity of the neurons shown: FN2EN {Say.Percent(Fn2En.Average(p => p.Purity), 0)}, scratch-BN {Say.Percent(Scratch.Average(p => p.Purity), 0)} " +
        $"(a purity of 100 % means all {Top} top images of a neuron share one expression).",
        Say.Scale(parameters),
    ]);

    private string Describe(string name, IReadOnlyList<NeuronPortrait> portraits)
    {
        var classes = experiment.Images.Classes;
        var missing = classes.Except(portraits.Select(p => p.Expression)).ToList();
        return $"{name}: {portraits.Count} neurons shown for {portraits.Select(p => p.Expression).Distinct().Count()} of {classes.Count} expressions" +
               (missing.Count == 0 ? "." : $"; no neuron prefers {Say.List(missing)}.");
    }

    private int Scale => Math.Max(1, 128 / parameters.InputSize);

    private List<NeuronPortrait> Fn2En => fn2en ??= Portraits(experiment.Fn2En(0));
    private List<NeuronPortrait> Scratch => scratch ??= Portraits(experiment.ScratchBn(0));

    private List<NeuronPortrait> Portraits(Networks.ExpNet net)
    {
        using (net) return NeuronPortraits.Find(net, experiment.Images, parameters.InputSize, top: Top, perExpression: PerExpression);
    }

    public void Dispose() => experiment.Dispose();
}
