using System.Globalization;
using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Reporting;

public static partial class WhatWeSee
{
    private static readonly MethodSpec[] Baselines = [Methods.FineTune, Methods.ScratchBn];

    /// <summary>
    /// Notebooks 05–09: ours beside the paper's table, the ranking, FN2EN against each baseline fold by fold, FN2EN per
    /// class — from <paramref name="results"/> and the finished runs it was made from (their metrics.json) — and
    /// <paramref name="extra"/>'s table (SFEW + FER2013) when given. Without an experiment (the dataset is not
    /// prepared) it states the paper's numbers.
    /// </summary>
    public static Findings Results(ExperimentSettings settings, Experiment? experiment, ResultsTable? results, ResultsTable? extra = null)
    {
        if (experiment is null || results is null) return new Findings(PaperOnly(settings.Dataset, settings.DataRoot));
        var points = new List<string>
        {
            $"Ours beside the paper ({results.PaperTable}): " +
            string.Join("; ", results.Rows.Select(r => $"{r.Method} {r.Ours} over {r.Folds} folds (paper {r.Paper})")) + ".",
            Ranking(results),
        };
        var fn2en = experiment.Summary(Methods.Fn2En);
        var baselines = Baselines.Select(experiment.Summary).ToList();
        foreach (var baseline in baselines) points.Add(Paired(fn2en, baseline, baseline.Method.PaperName, settings.Dataset));
        points.Add(PerClass(fn2en));
        points.Add(PerClassAgainst(fn2en, baselines));
        if (extra is not null)
            points.Add("With FER2013's training images added: " + string.Join("; ", extra.Rows.Select(r => $"{r.Method} {r.Ours} (paper {r.Paper})")) + ".");
        points.Add(Say.Scale(experiment));
        return new Findings(points);
    }

    /// <summary>What the paper reports for <paramref name="dataset"/>, when it is not prepared here.</summary>
    public static IReadOnlyList<string> PaperOnly(string dataset, string dataRoot)
    {
        var (name, rows) = PaperResults.For(dataset);
        var points = new List<string> { $"{dataset} is not prepared under {dataRoot}, so this notebook shows only the paper's {name}." };
        var main = rows.Where(r => r.Note == "").ToList();
        var fn2en = main.LastOrDefault(r => r.Method == Methods.Fn2En.PaperName);
        if (fn2en is not null)
        {
            var margins = Baselines.Select(b => main.FirstOrDefault(r => r.Method == b.PaperName)).OfType<PaperRow>()
                .Select(r => $"{Say.Points((fn2en.Accuracy - r.Accuracy) / 100)} over {r.Method}").ToList();
            var best = main.Where(r => r.Method != Methods.Fn2En.PaperName).MaxBy(r => r.Accuracy);
            points.Add($"In the paper FN2EN reaches {fn2en.Accuracy:0.0#} %" + (margins.Count > 0 ? $", {Say.List(margins)}" : "") +
                       (best is null ? "." : $"; the best other method listed is {best.Method} at {best.Accuracy:0.0#} %."));
        }
        foreach (var extra in rows.Where(r => r.Note != "" && r.Method == Methods.Fn2En.PaperName))
            points.Add($"With extra training data ({extra.Note.TrimStart('+', ' ')}) the paper's FN2EN reaches {extra.Accuracy:0.0#} %.");
        return points;
    }

    private static string Ranking(ResultsTable table)
    {
        var ours = table.Rows.OrderByDescending(r => r.Mean).Select(r => r.Method).ToList();
        var paper = table.Rows.Where(r => r.PaperFigure.HasValue).OrderByDescending(r => r.PaperFigure).Select(r => r.Method).ToList();
        var text = $"Ranking here: {string.Join(" > ", ours)}";
        if (paper.Count < 2) return text + ".";
        return text + $"; in the paper: {string.Join(" > ", paper)}" +
               (paper.SequenceEqual(ours.Where(paper.Contains)) ? " — the same order." : " — a different order.");
    }

    /// <summary>FN2EN against a baseline fold by fold (same folds, same test subjects).</summary>
    private static string Paired(MethodSummary fn2en, MethodSummary baseline, string name, string dataset)
    {
        var diffs = fn2en.Accuracies.Zip(baseline.Accuracies, (a, b) => a - b).ToList();
        if (diffs.Count == 0) return $"FN2EN vs {name}: no finished folds to compare.";
        var better = diffs.Count(d => d > 0);
        var paper = PaperResults.Figure(dataset, Methods.Fn2En) is { } f && PaperResults.Figure(dataset, baseline.Method) is { } b
            ? $" (paper: {Say.Points((f - b) / 100)})" : "";
        var verdict = better == diffs.Count ? "FN2EN is higher on every fold" : better == 0 ? "FN2EN is lower on every fold" : "not a consistent difference";
        return $"FN2EN vs {name}: {Say.Points(diffs.Average())} on average{paper}, higher on {better} of {diffs.Count} folds " +
               $"(per fold {Say.Points(diffs.Min())} to {Say.Points(diffs.Max())}): {verdict}.";
    }

    /// <summary>Where FN2EN's test images differ from the fine-tune's, class by class (pooled over the same folds); each
    /// method's mean over classes; any class with test images a method never predicted.</summary>
    public static string PerClassAgainst(MethodSummary fn2en, IReadOnlyList<MethodSummary> baselines)
    {
        var methods = baselines.Prepend(fn2en).ToList();
        var text = "Mean accuracy over classes (every class weighted alike): " +
                   string.Join(", ", methods.Select(m => $"{m.Method.PaperName} {Say.Percent(m.MeanPerClassAccuracy)}")) + ".";
        var fineTune = baselines.FirstOrDefault(b => b.Method == Methods.FineTune);
        if (fineTune is not null)
        {
            var (a, b) = (fn2en.PooledConfusion, fineTune.PooledConfusion);
            var diffs = fn2en.Classes.Select((c, i) => (Class: c, Images: a[i][i] - b[i][i])).Where(d => d.Images != 0).ToList();
            string Show(IEnumerable<(string Class, int Images)> ds) => Say.List(ds.Select(d => $"{d.Class} ({d.Images.ToString("+0;-0", CultureInfo.InvariantCulture)})").ToList());
            var more = diffs.Where(d => d.Images > 0).OrderByDescending(d => d.Images).ToList();
            var fewer = diffs.Where(d => d.Images < 0).OrderBy(d => d.Images).ToList();
            text += diffs.Count == 0 ? $" FN2EN and {fineTune.Method.PaperName} get the same number of test images right in every class."
                : $" Test images FN2EN gets right against {fineTune.Method.PaperName}: " +
                  (more.Count > 0 ? $"more in {Show(more)}" : "more in no class") + "; " + (fewer.Count > 0 ? $"fewer in {Show(fewer)}" : "fewer in none") + ".";
        }
        foreach (var m in methods)
        {
            var pooled = m.PooledConfusion;
            var never = m.Classes.Select((c, j) => (Class: c, Images: pooled[j].Sum(), Predicted: pooled.Sum(row => row[j])))
                .Where(c => c.Images > 0 && c.Predicted == 0).Select(c => $"{c.Class} ({c.Images} test images)").ToList();
            if (never.Count > 0) text += $" {m.Method.PaperName} never predicted {Say.List(never)}.";
        }
        return text;
    }

    private static string PerClass(MethodSummary fn2en)
    {
        var accuracies = FoldMetrics.ClassAccuracies(fn2en.PooledConfusion);
        var classes = fn2en.Classes.Select((c, i) => (Class: c, Accuracy: accuracies[i]))
            .Where(c => c.Accuracy.HasValue).Select(c => (c.Class, Accuracy: c.Accuracy!.Value)).OrderByDescending(c => c.Accuracy).ToList();
        var untested = fn2en.Classes.Where((_, i) => accuracies[i] is null).ToList();
        var n = Math.Min(2, classes.Count / 2);
        string Show(IEnumerable<(string Class, double Accuracy)> cs) => string.Join(", ", cs.Select(c => $"{c.Class} {Say.Percent(c.Accuracy)}"));
        return $"FN2EN per class (pooled over folds): best {Show(classes.Take(n))}; worst {Show(classes.TakeLast(n).Reverse())}" +
               (untested.Count == 0 ? "." : $"; no test images of {Say.List(untested)} in the folds run.");
    }
}
