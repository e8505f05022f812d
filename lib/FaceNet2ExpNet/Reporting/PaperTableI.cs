namespace FaceNet2ExpNet.Reporting;

/// <summary>One printed row of the paper's Table I, cell by cell as printed ("+511", "-57").</summary>
public sealed record PaperTableIRow(string Model, string Pool4, string Pool5, string FC6, string FC7);

/// <summary>The paper's LES counts for one dataset: pre-trained counts and fine-tuned changes, per layer.</summary>
public sealed record PaperLesCounts(string Dataset, IReadOnlyList<int> PreTrained, IReadOnlyList<int> Change)
{
    /// <summary>(pre-trained count, fine-tuned change) at <paramref name="layer"/>, or null for a layer the paper did not count.</summary>
    public (int PreTrained, int Change)? At(string layer)
    {
        var i = PaperTableI.Layers.ToList().IndexOf(layer);
        return i < 0 ? null : (PreTrained[i], Change[i]);
    }
}

/// <summary>
/// Table I of the paper, "The number of low expressive score neurons for pre-trained network and fine-tuned network"
/// (VGG-16 face net [33]; the fine-tuned rows are differences from the pre-trained ones), for side-by-side display.
/// </summary>
public static class PaperTableI
{
    /// <summary>The columns, as tap names (the paper prints Pool4, Pool5, FC6, FC7).</summary>
    public static IReadOnlyList<string> Layers { get; } = ["pool4", "pool5", "fc6", "fc7"];

    /// <summary>Neurons per layer of VGG-16 at 224² counting blob elements (512×14×14, 512×7×7, 4096, 4096); not
    /// printed in the paper, derived from the architecture to put the counts in proportion.</summary>
    public static IReadOnlyList<int> Vgg16Units { get; } = [100_352, 25_088, 4096, 4096];

    /// <summary>The CK+ rows (printed as "Pre-trained (CK)", "Fine-tuned (CK)").</summary>
    public static PaperLesCounts CkPlus => PaperDatasets.CkPlus.TableI!;

    /// <summary>The Oulu-CASIA rows.</summary>
    public static PaperLesCounts OuluCasia => PaperDatasets.OuluCasia.TableI!;

    /// <summary>The four rows as printed, formatted from the counts ("Fine-tuned (CK)": "-57", "+511", …).</summary>
    public static IReadOnlyList<PaperTableIRow> Rows { get; } =
        new[] { (CkPlus, "CK"), (OuluCasia, "Oulu-CASIA") }.SelectMany(t => new[]
        {
            new PaperTableIRow($"Pre-trained ({t.Item2})", $"{t.Item1.PreTrained[0]}", $"{t.Item1.PreTrained[1]}", $"{t.Item1.PreTrained[2]}", $"{t.Item1.PreTrained[3]}"),
            new PaperTableIRow($"Fine-tuned ({t.Item2})", Signed(t.Item1.Change[0]), Signed(t.Item1.Change[1]), Signed(t.Item1.Change[2]), Signed(t.Item1.Change[3])),
        }).ToList();

    /// <summary>A change as the paper prints it: "+511", "-57" (and "0").</summary>
    public static string Signed(int change) => change > 0 ? $"+{change}" : change.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Our Table I rows beside the paper's (notebook 02): per layer our neurons, pre-trained count and fine-tuned change, then the paper's.</summary>
    public static Table Beside(IReadOnlyList<TableIRow> ours) => new(
        ["layer", "neurons", "pre-trained", "fine-tuned (change)", "paper CK+ pre-trained", "paper CK+ fine-tuned", "paper Oulu-CASIA pre-trained", "paper Oulu-CASIA fine-tuned"],
        ours.Select(r => (IReadOnlyList<string>)[r.Layer, r.Neurons.ToString(), r.PreTrained.ToString(), r.FineTuned,
            r.PaperCkPreTrained?.ToString() ?? "", r.PaperCkFineTuned ?? "", r.PaperOuluPreTrained?.ToString() ?? "", r.PaperOuluFineTuned ?? ""]).ToList());
}
