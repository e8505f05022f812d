using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebook 11: model size and speed (Sec. V) — parameters at the paper's settings (224×224, eight classes; VGG-16 with
/// its 1000-way ImageNet head, as the paper counts it) and the forward time per image on this machine's CPU.
/// </summary>
public sealed class ModelSizeSpeedNotebook(NotebookParameters parameters) : IDisposable
{
    private readonly ExpNet expNet = new(new ExpNetOptions { Classes = 8 });
    private readonly Vgg16 vgg = new(1000);
    private (double ExpNet, double Vgg)? milliseconds;

    public NotebookParameters Parameters => parameters;

    /// <summary>Parameter counts beside the paper's "11M vs. 138M".</summary>
    public Table ParameterCounts() => Table.Of(new[]
    {
        new { Network = "ExpNet (FN2EN)", Parameters = expNet.ParameterCount.ToString("N0"), Paper = "11M" },
        new { Network = "VGG-16", Parameters = vgg.ParameterCount.ToString("N0"), Paper = "138M" },
    });

    /// <summary>Milliseconds per 224×224 image (median of timed batches), this machine's CPU.</summary>
    public Table Speed() => Table.Of(new[]
    {
        new { Network = "ExpNet", Input = 224, MsPerImage = Math.Round(Times.ExpNet, 1), Timing = Timing(ExpNetRepeats), Paper = "3 ms (Titan X GPU)" },
        new { Network = "VGG-16", Input = 224, MsPerImage = Math.Round(Times.Vgg, 1), Timing = Timing(VggRepeats), Paper = "" },
    });

    /// <summary>"What we see", generated from the counts and times above.</summary>
    public Findings WhatWeSee() => new(
    [
        $"ExpNet has {expNet.ParameterCount:N0} parameters, VGG-16 {vgg.ParameterCount:N0}: {Say.Number(vgg.ParameterCount / (double)expNet.ParameterCount, 1)}× fewer (the paper: 11M vs 138M).",
        $"At 224×224 on this machine ({Environment.ProcessorCount} cores, CPU) ExpNet takes {Say.Number(Times.ExpNet, 1)} ms per image and VGG-16 " +
        $"{Say.Number(Times.Vgg, 1)} ms: ExpNet is {Say.Number(Times.Vgg / Times.ExpNet, 1)}× faster. The paper's 3 ms is on a Titan X GPU; the ratio is what carries over.",
    ]);

    // The smoke profile (CI) times fewer, smaller batches: VGG-16 at 224 px is seconds per batch on a busy CPU.
    private bool Smoke => parameters.Profile.Name == "smoke";
    private int Batch => Smoke ? 2 : 8;
    private int ExpNetRepeats => Smoke ? 2 : 5;
    private int VggRepeats => Smoke ? 1 : 3;
    private string Timing(int repeats) => $"median of {repeats} batches of {Batch}";

    private (double ExpNet, double Vgg) Times => milliseconds ??=
        (Analysis.Speed.MillisecondsPerImage(expNet, 224, batch: Batch, repeats: ExpNetRepeats),
         Analysis.Speed.MillisecondsPerImage(vgg, 224, batch: Batch, repeats: VggRepeats));

    public void Dispose()
    {
        expNet.Dispose();
        vgg.Dispose();
    }
}
