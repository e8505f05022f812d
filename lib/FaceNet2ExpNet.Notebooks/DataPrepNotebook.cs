using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebook 01: the synthetic default data (Sec. IV, Table II analogue) — the corpora, a sample sheet, class balance
/// beside Table II, the identity-vs-expression measurement on raw pixels, and which real datasets are prepared.
/// </summary>
public sealed class DataPrepNotebook(NotebookParameters parameters)
{
    private SyntheticCorpora.Result? corpora;
    private PixelNeighbourResult? neighbours;

    public NotebookParameters Parameters => parameters;

    /// <summary>The three synthetic corpora (generated now if missing or made with other settings).</summary>
    public Table Corpora() => Table.Of(new[] { Generated.Faces, Generated.Expressions8, Generated.Expressions6, Generated.Small }.Select(d => new
    {
        Dataset = d.Info.Name, Images = d.Rows.Count, Classes = d.Classes.Count,
        Subjects = d.Rows.Select(r => r.Subject).Distinct().Count(), Protocol = $"{d.Info.Protocol} ({d.FoldCount})", Pixels = d.Info.ImageSize,
    }));

    /// <summary>Rows = the eight classes, columns = the first subjects, each posing every class at a typical peak.</summary>
    public ImageSheet SampleSheet() => new(Data.Synthetic.SampleSheet.Jpeg(parameters.Profile.Synthetic, scale: 1),
        $"Synthetic CK+-like samples: rows {string.Join(", ", Expressions.CkPlus8)}; columns the first 8 subjects.");

    /// <summary>Images per class of the CK+-like corpus beside Table II's CK+ row.</summary>
    public ChartFigure ClassBalance()
    {
        var ck = Generated.Expressions8;
        return Charts.ClassCounts($"{ck.Info.Name}: images per class", ck.Classes, ck.ClassCounts(), PaperTableII.RowFor(ck.Info.Name));
    }

    /// <summary>1-nearest-neighbour on raw pixels: does the nearest other image share the person, the expression?</summary>
    public Table IdentityVsExpression()
    {
        var r = Neighbours;
        return Table.Of(new[]
        {
            new { NearestNeighbourShares = "the identity", Accuracy = Say.Percent(r.IdentityAccuracy), Baseline = $"chance {Say.Percent(r.IdentityChance)}" },
            new { NearestNeighbourShares = "the expression", Accuracy = Say.Percent(r.ExpressionAccuracy), Baseline = $"majority class {Say.Percent(r.ExpressionMajority)}" },
            new { NearestNeighbourShares = "the expression (neighbours from other subjects only)", Accuracy = Say.Percent(r.ExpressionAccuracyOtherSubjects), Baseline = $"majority class {Say.Percent(r.ExpressionMajority)}" },
        });
    }

    /// <summary>Every dataset the notebooks know: prepared here or not, and the command that prepares it.</summary>
    public Table RealDatasets() => Table.Of(Catalog.Select(d => new
    {
        d.Dataset, d.Paper, d.Prepared, Images = d.Prepared ? d.Images.ToString() : "", Classes = d.Prepared ? d.Classes.ToString() : "", d.HowToPrepare,
    }));

    /// <summary>"What we see", generated from the numbers above.</summary>
    public Findings WhatWeSee()
    {
        var ck = Generated.Expressions8;
        var faces = Generated.Faces;
        var r = Neighbours;
        var prepared = Catalog.Where(d => d.Prepared && !d.Dataset.StartsWith("synthetic")).Select(d => d.Dataset).ToList();
        return new Findings(
        [
            $"{ck.Info.Name}: {ck.Rows.Count} images of {ck.Rows.Select(x => x.Subject).Distinct().Count()} subjects in {ck.Classes.Count} classes, " +
            $"{ck.FoldCount} subject-independent folds; the face net's corpus {faces.Info.Name}: {faces.Rows.Count} images of {faces.Classes.Count} identities.",
            ClassBalanceFinding(ck),
            $"1-NN on raw pixels finds the same person {Say.Percent(r.IdentityAccuracy)} of the time (chance {Say.Percent(r.IdentityChance)}) " +
            $"but the same expression only {Say.Percent(r.ExpressionAccuracy)} (majority class {Say.Percent(r.ExpressionMajority)})" +
            (r.IdentityAccuracy > r.ExpressionAccuracy ? ": identity, not expression, dominates the pixels." : ": here identity does not dominate the pixels."),
            prepared.Count == 0
                ? $"No real dataset is prepared under {parameters.DataRoot}; the results notebooks 06–09 show the paper's tables and how to prepare each."
                : $"Prepared real datasets under {parameters.DataRoot}: {Say.List(prepared)}.",
        ]);
    }

    private static string ClassBalanceFinding(PreparedDataset ck)
    {
        var counts = ck.ClassCounts();
        var differing = ck.Classes.Select((c, i) => (Class: c, Ours: counts[i], Paper: PaperTableII.Count("CK+", c)))
            .Where(x => x.Paper != x.Ours).ToList();
        if (differing.Count == 0) return "Every class count equals Table II's CK+ row.";
        if (differing.Count <= 2)
            return "Class counts equal Table II's CK+ row except " +
                   Say.List(differing.Select(d => $"{d.Class} (ours {d.Ours}, printed {d.Paper})")) +
                   (differing.Any(d => d.Class == "happy" && d.Paper == 147 && d.Ours == 207) ? "; 147 is the misprint noted above." : ".");
        var paperLargest = PaperTableII.Classes.MaxBy(c => PaperTableII.Count("CK+", c) ?? 0);
        return $"At this profile the corpus is smaller than CK+: {counts.Sum()} images against Table II's 1308; " +
               $"largest class here {ck.Classes[Array.IndexOf(counts, counts.Max())]}, in Table II {paperLargest}.";
    }

    private SyntheticCorpora.Result Generated => corpora ??=
        SyntheticCorpora.Ensure(parameters.Profile.Synthetic, parameters.DataRoot, progress: new LineProgress(Console.Out, "data"));

    private IReadOnlyList<DatasetStatus> Catalog => DatasetCatalog.Status(parameters.DataRoot);

    private PixelNeighbourResult Neighbours => neighbours ??= PixelNeighbours.Measure(Generated.Expressions8);
}
