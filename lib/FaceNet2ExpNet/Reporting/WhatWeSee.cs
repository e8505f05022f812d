using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// The closing "What we see" of each notebook, stated from the values its cells returned and showed (passed in here;
/// nothing is trained or measured again), so it stays true on every profile, after every re-run and after every edit
/// of the settings cell. One method per notebook; the results notebooks' is in WhatWeSee.Results.cs.
/// </summary>
public static partial class WhatWeSee
{
    /// <summary>Notebook 01: the corpora, the class balance beside Table II, the 1-NN measurement, the prepared real datasets.</summary>
    public static Findings DataPrep(SyntheticCorpora.Result corpora, PixelNeighbourResult neighbours, IReadOnlyList<DatasetStatus> catalog, string dataRoot)
    {
        var ck = corpora.Expressions8;
        var prepared = catalog.Where(d => d.Prepared && !d.Dataset.StartsWith("synthetic")).Select(d => d.Dataset).ToList();
        var r = neighbours;
        return new Findings(
        [
            $"{ck.Info.Name}: {ck.Rows.Count} images of {ck.Rows.Select(x => x.Subject).Distinct().Count()} subjects in {ck.Classes.Count} classes, " +
            $"{ck.FoldCount} subject-independent folds; the face net's corpus {corpora.Faces.Info.Name}: {corpora.Faces.Rows.Count} images of {corpora.Faces.Classes.Count} identities.",
            ClassBalance(ck),
            $"1-NN on raw pixels finds the same person {Say.Percent(r.IdentityAccuracy)} of the time (chance {Say.Percent(r.IdentityChance)}) " +
            $"but the same expression only {Say.Percent(r.ExpressionAccuracy)} (majority class {Say.Percent(r.ExpressionMajority)})" +
            (r.IdentityAccuracy > r.ExpressionAccuracy ? ": identity, not expression, dominates the pixels." : ": here identity does not dominate the pixels."),
            prepared.Count == 0
                ? $"No real dataset is prepared under {dataRoot}; the results notebooks 06–09 show the paper's tables and how to prepare each."
                : $"Prepared real datasets under {dataRoot}: {Say.List(prepared)}.",
        ]);
    }

    /// <summary>Notebook 02: the LES threshold and counts (channels), and the per-position counting of Table I.</summary>
    public static Findings LayerSelection(LayerSelectionResult channels, LayerSelectionResult positions, Experiment experiment)
    {
        var counts = channels.Counts;
        var changes = string.Join(", ", counts.Select(c => $"{c.Layer} {PaperTableI.Signed(c.Change)}"));
        var growing = counts.Zip(counts.Skip(1), (a, b) => b.Change >= a.Change).All(x => x);
        return new Findings(
        [
            $"{channels.Threshold}; the pre-trained face net has {string.Join(", ", counts.Select(c => $"{c.PreTrained} in {c.Layer}"))}.",
            $"After fine-tuning on the expressions the LES count changes by {changes} (channels)" +
            (growing ? ": the change grows with depth, the paper's qualitative finding (CK+: -57, +511, +658, +610)."
                     : ": the change does not grow steadily with depth, unlike the paper's CK+ row (-57, +511, +658, +610)."),
            $"Counting every spatial position as a neuron: {string.Join(", ", positions.Counts.Select(c => $"{c.Layer} {c.PreTrained} → {c.FineTuned}"))} " +
            "(pre-trained → fine-tuned), the counting that makes the paper's pool4 figure (7763) possible.",
            Say.Scale(experiment),
        ]);
    }

    /// <summary>Notebook 03: stage 1's regression loss per fold (first and last epoch) and its held-out FVU.</summary>
    public static Findings Stage1(IReadOnlyList<Run> runs, Experiment experiment)
    {
        var folds = runs.Select(r => (r.Fold, Losses: r.History!.Losses, r.Metrics.Fvu)).ToList();
        static double Reduction(IReadOnlyList<double> l) => 1 - l[^1] / l[0];
        string Range(Func<IReadOnlyList<double>, double> pick) => $"{Say.Number(folds.Min(f => pick(f.Losses)), 1)}–{Say.Number(folds.Max(f => pick(f.Losses)), 1)}";
        var points = new List<string> { $"Stage 1 runs {Say.List(runs.Select(r => $"{r.Fold} {r.Id}").Distinct())} ({experiment.Setup})." };
        var epochs = folds.Max(f => f.Losses.Count);
        if (epochs == 1)
            points.Add($"One epoch per fold at this profile: the regression loss after it is {Range(l => l[0])} per image over {folds.Count} folds; there is no trend to read.");
        else
        {
            points.Add($"Over {folds.Count} folds and {epochs} epochs the regression loss went from {Range(l => l[0])} per image after the first epoch to " +
                       $"{Range(l => l[^1])} after the last: a reduction of {Say.Percent(folds.Min(f => Reduction(f.Losses)), 0)} to " +
                       $"{Say.Percent(folds.Max(f => Reduction(f.Losses)), 0)} per fold.");
            var rose = folds.Where(f => f.Losses[^1] > f.Losses[0]).Select(f => f.Fold).ToList();
            points.Add(rose.Count == 0 ? "No fold's loss ended above where it started." : $"The loss ended higher than it started on {Say.List(rose)}.");
        }
        if (folds.All(f => f.Fvu.HasValue))
            points.Add($"On the held-out faces g(I) leaves {Say.Percent(folds.Min(f => f.Fvu!.Value), 0)}–{Say.Percent(folds.Max(f => f.Fvu!.Value), 0)} of the teacher's variance " +
                       "unexplained (FVU; 100 % = no better than the teacher's mean map).");
        points.Add(Say.Scale(experiment));
        return new Findings(points);
    }

    /// <summary>Notebook 04: the results table and each method's mean test-accuracy curve (%, per epoch).</summary>
    public static Findings Stage2(ResultsTable results, IReadOnlyList<(string Method, IReadOnlyList<double> Curve)> accuracy, Experiment experiment)
    {
        var points = new List<string>
        {
            "Results: " + string.Join("; ", results.Rows.Select(r => $"{r.Method} {r.Ours} (paper {r.Paper})")) + ".",
        };
        foreach (var (method, curve) in accuracy)
        {
            var best = curve.Max();
            var at = curve.ToList().IndexOf(best) + 1;
            points.Add(curve.Count == 1
                ? $"{method}: mean test accuracy {Say.Percent(curve[0] / 100)} after its only epoch at this profile."
                : $"{method}: mean test accuracy {Say.Percent(curve[^1] / 100)} after the last of {curve.Count} epochs" +
                  (at == curve.Count ? ", the highest of the run." : $"; highest {Say.Percent(best / 100)} after epoch {at}."));
        }
        points.Add(Say.Scale(experiment));
        return new Findings(points);
    }

    /// <summary>Notebook 10: which expressions the shown neurons prefer, and how pure their top images are.</summary>
    public static Findings Neurons(IReadOnlyList<NeuronPortrait> fn2en, IReadOnlyList<NeuronPortrait> scratch, int top, Experiment experiment)
    {
        string Describe(string name, IReadOnlyList<NeuronPortrait> portraits)
        {
            var classes = experiment.Dataset.Classes;
            var missing = classes.Except(portraits.Select(p => p.Expression)).ToList();
            return $"{name}: {portraits.Count} neurons shown for {portraits.Select(p => p.Expression).Distinct().Count()} of {classes.Count} expressions" +
                   (missing.Count == 0 ? "." : $"; no neuron prefers {Say.List(missing)}.");
        }
        return new Findings(
        [
            Describe("FN2EN", fn2en), Describe("Train From Scratch (BN)", scratch),
            $"Mean purity of the neurons shown: FN2EN {Say.Percent(fn2en.Average(p => p.Purity), 0)}, scratch-BN {Say.Percent(scratch.Average(p => p.Purity), 0)} " +
            $"(a purity of 100 % means all {top} top images of a neuron share one expression).",
            Say.Scale(experiment),
        ]);
    }

    /// <summary>Notebook 11: parameter counts and milliseconds per image of ExpNet and VGG-16.</summary>
    public static Findings Speed(long expNetParameters, long vggParameters, double expNetMs, double vggMs) => new(
    [
        $"ExpNet has {expNetParameters:N0} parameters, VGG-16 {vggParameters:N0}: {Say.Number(vggParameters / (double)expNetParameters, 1)}× fewer (the paper: 11M vs 138M).",
        $"At 224×224 on this machine ({Environment.ProcessorCount} cores, CPU) ExpNet takes {Say.Number(expNetMs, 1)} ms per image and VGG-16 " +
        $"{Say.Number(vggMs, 1)} ms: ExpNet is {Say.Number(vggMs / expNetMs, 1)}× faster. The paper's 3 ms is on a Titan X GPU; the ratio is what carries over.",
    ]);

    private static string ClassBalance(PreparedDataset ck)
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
}
