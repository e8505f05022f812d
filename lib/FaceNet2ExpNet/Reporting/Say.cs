using System.Globalization;

namespace FaceNet2ExpNet.Reporting;

/// <summary>How the notebooks' "What we see" writes numbers in sentences: invariant culture, fixed decimals.</summary>
public static class Say
{
    /// <summary>A fraction as a percentage: 0.5604 → "56.0 %".</summary>
    public static string Percent(double fraction, int decimals = 1) =>
        (100 * fraction).ToString("F" + decimals, CultureInfo.InvariantCulture) + " %";

    /// <summary>A difference of fractions in percentage points with its sign: 0.073 → "+7.3 points".</summary>
    public static string Points(double fraction) =>
        (100 * fraction).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " points";

    /// <summary>A number with fixed decimals: (1.1634, 2) → "1.16".</summary>
    public static string Number(double value, int decimals = 2) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>"a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    /// <summary>How far an experiment's profile is from the paper's setting, for results read at a smaller scale.</summary>
    public static string Scale(Experiments.Experiment experiment)
    {
        var values = experiment.Effective;
        var folds = values.Get(Experiments.Setting.Folds) is var k and > 0 ? $"{Math.Min(k, experiment.Dataset.FoldCount)} folds" : "all folds";
        return experiment.Profile.Name == "paper"
            ? "Profile paper: the paper's input size and network width."
            : $"Profile {experiment.Profile.Name}: {values.Get(Experiments.Setting.InputSize)} px crops, networks at width ×{values.Get(Experiments.Setting.Width)}, " +
              $"{folds} and short schedules — far smaller than the paper's 224 px, full-width nets; compare how the methods rank, not absolute numbers.";
    }
}
