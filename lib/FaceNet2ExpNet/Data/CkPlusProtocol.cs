namespace FaceNet2ExpNet.Data;

/// <summary>
/// The paper's CK+ protocol (Sec. IV-C), shared by the real CK+ importer and the synthetic CK+-like corpus: from each
/// labelled sequence keep the first frame (neutral) and the last three (peak); split subjects into ten folds by ID in
/// ascending order.
/// </summary>
public static class CkPlusProtocol
{
    /// <summary>1-based frame numbers kept from a sequence of <paramref name="length"/> frames: first, and the last three.</summary>
    public static int[] KeptFrames(int length)
    {
        if (length < 4) throw new ArgumentException($"A CK+ sequence needs at least 4 frames (first + last 3), this one has {length}.");
        return [1, length - 2, length - 1, length];
    }

    /// <summary>Fold of each subject: subjects sorted by ID (ordinal unless <paramref name="order"/> says otherwise) and cut into <paramref name="folds"/> near-equal groups.</summary>
    public static Dictionary<string, int> FoldsByAscendingId(IEnumerable<string> subjects, int folds = 10, IComparer<string>? order = null)
    {
        var sorted = subjects.Distinct().Order(order ?? StringComparer.Ordinal).ToList();
        if (sorted.Count < folds) throw new ArgumentException($"{sorted.Count} subjects cannot fill {folds} subject-independent folds.");
        return sorted.Select((s, i) => (s, fold: (int)((long)i * folds / sorted.Count))).ToDictionary(t => t.s, t => t.fold);
    }
}
