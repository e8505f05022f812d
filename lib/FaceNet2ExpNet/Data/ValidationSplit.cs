namespace FaceNet2ExpNet.Data;

/// <summary>
/// A validation split for choosing schedules without looking at test folds: the fold's own validation rows when the
/// protocol has them (TFD, SFEW), else a subject-disjoint hold-out of the fold's training rows (k-fold: CK+, Oulu-CASIA),
/// so no subject of the validation part is seen in training, as no test subject is. Deterministic in (subjects, seed).
/// </summary>
public static class ValidationSplit
{
    /// <summary>
    /// Splits fold <paramref name="split"/>'s training rows into (Train, Valid). Subjects are taken in a seeded order until
    /// at least <paramref name="fraction"/> of the training rows are held out (at least one subject, never all of them).
    /// </summary>
    /// <exception cref="ArgumentException">fraction outside (0, 1), or the training rows have fewer than two subjects.</exception>
    public static (int[] Train, int[] Valid) Of(PreparedDataset dataset, FoldSplit split, double fraction = 0.15, int seed = 1)
    {
        if (split.Valid.Length > 0) return (split.Train, split.Valid);
        return HoldOutSubjects(split.Train, r => dataset.Rows[r].Subject, fraction, seed);
    }

    /// <summary>The subject-disjoint hold-out of <paramref name="rows"/>; <paramref name="subject"/> names each row's subject.</summary>
    public static (int[] Train, int[] Valid) HoldOutSubjects(IReadOnlyList<int> rows, Func<int, string> subject, double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1)) throw new ArgumentException($"Validation fraction {fraction} must be between 0 and 1.");
        var bySubject = rows.GroupBy(subject).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (bySubject.Count < 2) throw new ArgumentException($"A subject-disjoint hold-out needs two or more subjects; the training rows have {bySubject.Count}.");
        var order = Training.Seeds.Permutation(bySubject.Count, new Random(seed));
        var held = new HashSet<int>();
        for (var i = 0; i < order.Length - 1 && held.Count < fraction * rows.Count; i++)
            held.UnionWith(bySubject[order[i]]);
        return (rows.Where(r => !held.Contains(r)).ToArray(), rows.Where(held.Contains).ToArray());
    }
}
