using System.Globalization;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// Which folds one process trains: <c>fn2en run --folds 3</c>, <c>0-4</c>, <c>1,7</c> or a mix (<c>0-2,5</c>). Fold
/// indices count from 0, as in the run folders (<c>fold-3</c>). Unlike the <c>folds</c> setting — how many folds make up
/// the experiment and its results table — a selection only splits the work between processes: it never changes a run's
/// config or id, so processes given different selections share one run store.
/// </summary>
public static class FoldSelection
{
    /// <summary>The sorted, distinct folds of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">Not a list of folds and ranges (the message says which part and the accepted forms).</exception>
    public static IReadOnlyList<int> Parse(string text)
    {
        var folds = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new ArgumentException($"--folds '{text}': '{part}' is not a fold or a range; use e.g. 3, 0-4 or 1,7 (folds count from 0).");
            var (from, to) = (int.Parse(ends[0], CultureInfo.InvariantCulture), int.Parse(ends[^1], CultureInfo.InvariantCulture));
            if (to < from) throw new ArgumentException($"--folds '{text}': the range {part} runs backwards; write {to}-{from}.");
            for (var k = from; k <= to; k++) folds.Add(k);
        }
        return [.. folds];
    }

    /// <summary>Folds as the shortest text <see cref="Parse"/> reads back, e.g. [0, 1, 2, 5] → "0-2,5".</summary>
    public static string Format(IEnumerable<int> folds)
    {
        var sorted = folds.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}
