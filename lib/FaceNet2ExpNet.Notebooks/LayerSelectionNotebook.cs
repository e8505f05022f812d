using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebook 02: which layer should supervise stage 1 (Sec. III-C, Fig. 3, Table I) — neuron entropies of the face net
/// before and after fine-tuning on fold 0 (the runs of notebook 04, trained here when missing), over every image of
/// the expression dataset, K = 100.
/// </summary>
public sealed class LayerSelectionNotebook(NotebookParameters parameters) : IDisposable
{
    private const int K = 100;
    private readonly NotebookExperiment experiment = new(parameters);
    private LayerSelectionResult? channels, positions;

    public NotebookParameters Parameters => parameters;

    /// <summary>The LES threshold: the smallest layer-average entropy (nats).</summary>
    public string Threshold() => Channels.Threshold.ToString();

    /// <summary>Fig. 3: entropy histograms per layer, pre-trained (red) vs fine-tuned (blue).</summary>
    public ChartFigure Figure3() => Channels.Figure3;

    /// <summary>Table I with a conv neuron = a channel (response = its spatial maximum), beside the paper's counts.</summary>
    public Table TableI() => Rows(Channels.Table);

    /// <summary>Table I counting every spatial position of a conv map as a neuron (how the paper's counts add up).</summary>
    public Table TableIPerPosition() => Rows(Positions.Table);

    /// <summary>"What we see", generated from the counts above.</summary>
    public Findings WhatWeSee()
    {
        var counts = Channels.Counts;
        var changes = string.Join(", ", counts.Select(c => $"{c.Layer} {PaperTableI.Signed(c.Change)}"));
        var growing = counts.Zip(counts.Skip(1), (a, b) => b.Change >= a.Change).All(x => x);
        var points = new List<string>
        {
            $"{Channels.Threshold}; the pre-trained face net has {string.Join(", ", counts.Select(c => $"{c.PreTrained} in {c.Layer}"))}.",
            $"After fine-tuning on the expressions the LES count changes by {changes} (channels)" +
            (growing ? ": the change grows with depth, the paper's qualitative finding (CK+: -57, +511, +658, +610)."
                     : ": the change does not grow steadily with depth, unlike the paper's CK+ row (-57, +511, +658, +610)."),
            $"Counting every spatial position as a neuron: {string.Join(", ", Positions.Counts.Select(c => $"{c.Layer} {c.PreTrained} → {c.FineTuned}"))} " +
            "(pre-trained → fine-tuned), the counting that makes the paper's pool4 figure (7763) possible.",
            Say.Scale(parameters),
        };
        return new Findings(points);
    }

    private static Table Rows(IReadOnlyList<TableIRow> rows) => new(
        ["layer", "neurons", "pre-trained", "fine-tuned (change)", "paper CK+ pre-trained", "paper CK+ fine-tuned", "paper Oulu-CASIA pre-trained", "paper Oulu-CASIA fine-tuned"],
        rows.Select(r => (IReadOnlyList<string>)[r.Layer, r.Neurons.ToString(), r.PreTrained.ToString(), r.FineTuned,
            r.PaperCkPreTrained?.ToString() ?? "", r.PaperCkFineTuned ?? "", r.PaperOuluPreTrained?.ToString() ?? "", r.PaperOuluFineTuned ?? ""]).ToList());

    private LayerSelectionResult Channels => channels ??= Run(ConvResponse.SpatialMax);
    private LayerSelectionResult Positions => positions ??= Run(ConvResponse.EachPosition);

    private LayerSelectionResult Run(ConvResponse conv)
    {
        var (pre, fine) = experiment.FaceNets(0);
        using (pre.Module) using (fine.Module)
            return LayerSelection.Run(pre, fine, experiment.Images, k: K, conv: conv);
    }

    public void Dispose() => experiment.Dispose();
}
