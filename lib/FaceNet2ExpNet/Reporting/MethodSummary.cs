namespace FaceNet2ExpNet.Reporting;

/// <summary>A method's results over folds: mean ± std accuracy and the pooled, row-normalised confusion matrix.</summary>
public sealed record MethodSummary(Experiments.MethodSpec Method, IReadOnlyList<FoldMetrics> Folds)
{
    public IReadOnlyList<double> Accuracies => Folds.Where(f => f.Accuracy.HasValue).Select(f => f.Accuracy!.Value).ToList();
    public double Mean => Accuracies.Count == 0 ? double.NaN : Accuracies.Average();
    /// <summary>Sample standard deviation over folds (0 for a single fold).</summary>
    public double Std => Accuracies.Count < 2 ? 0 : Math.Sqrt(Accuracies.Sum(a => (a - Mean) * (a - Mean)) / (Accuracies.Count - 1));
    public IReadOnlyList<string> Classes => Folds.FirstOrDefault()?.Classes ?? [];

    /// <summary>Confusion counts summed over folds.</summary>
    public int[][] PooledConfusion
    {
        get
        {
            var n = Classes.Count;
            var sum = Enumerable.Range(0, n).Select(_ => new int[n]).ToArray();
            foreach (var f in Folds)
                for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++) sum[i][j] += f.Confusion[i][j];
            return sum;
        }
    }

    /// <summary>Pooled confusion with each row divided by its total (the paper's Figs. 6–9); rows without images are 0.</summary>
    public double[][] NormalisedConfusion => PooledConfusion.Select(row =>
    {
        var total = row.Sum();
        return row.Select(v => total == 0 ? 0 : v / (double)total).ToArray();
    }).ToArray();

    /// <summary>Per-class accuracy from the pooled confusion (the diagonal of <see cref="NormalisedConfusion"/>; 0 for a
    /// class without test images).</summary>
    public double[] PerClassAccuracy => FoldMetrics.ClassAccuracies(PooledConfusion).Select(a => a ?? 0).ToArray();

    /// <summary>The mean of <see cref="PerClassAccuracy"/> over the classes with test images, every class weighted alike
    /// (NaN without any): a rare class a method never gets right weighs as much as a common one.</summary>
    public double MeanPerClassAccuracy =>
        FoldMetrics.ClassAccuracies(PooledConfusion).OfType<double>().DefaultIfEmpty(double.NaN).Average();

    public string MeanStd => double.IsNaN(Mean) ? "—" : $"{100 * Mean:F1} ± {100 * Std:F1} %";
}
