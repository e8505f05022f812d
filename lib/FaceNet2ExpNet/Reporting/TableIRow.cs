using FaceNet2ExpNet.Analysis;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// One layer of our Table I beside the paper's (a notebook shows a list of these as an HTML table): LES neurons of the
/// pre-trained net, the fine-tuned net's change as the paper prints it ("+511"), and the paper's CK+ and Oulu-CASIA
/// values (blank for a layer the paper did not count).
/// </summary>
public sealed record TableIRow(
    string Layer, int Neurons, int PreTrained, string FineTuned,
    int? PaperCkPreTrained, string? PaperCkFineTuned, int? PaperOuluPreTrained, string? PaperOuluFineTuned)
{
    /// <summary>Rows for our counts, in layer order, with the paper's values beside them.</summary>
    public static IReadOnlyList<TableIRow> From(IEnumerable<LesCount> counts) => counts.Select(c =>
    {
        var ck = PaperTableI.CkPlus.At(c.Layer);
        var oulu = PaperTableI.OuluCasia.At(c.Layer);
        return new TableIRow(c.Layer, c.Neurons, c.PreTrained, PaperTableI.Signed(c.Change),
            ck?.PreTrained, ck is { } a ? PaperTableI.Signed(a.Change) : null,
            oulu?.PreTrained, oulu is { } b ? PaperTableI.Signed(b.Change) : null);
    }).ToList();

    public override string ToString() =>
        $"{Layer,-6} {Neurons,7} neurons: pre-trained {PreTrained,6}, fine-tuned {FineTuned,6}   " +
        $"paper CK+ {PaperCkPreTrained?.ToString() ?? "-",5} {PaperCkFineTuned ?? "",5}, Oulu-CASIA {PaperOuluPreTrained?.ToString() ?? "-",5} {PaperOuluFineTuned ?? "",5}";
}
