namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// "Ascending ID" as people read it: digit runs compare as numbers (2 before 10), the rest ordinally. For zero-padded
/// IDs (S005, S010) it is the ordinal order the paper's CK+ protocol uses.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Comparer = new();

    public int Compare(string? a, string? b)
    {
        if (a is null || b is null) return string.CompareOrdinal(a, b);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var (si, sj) = (i, j);
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var (x, y) = (a[si..i].TrimStart('0'), b[sj..j].TrimStart('0'));
                var c = x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
                if (c != 0) return c;
                c = (i - si).CompareTo(j - sj);   // 007 vs 7: shorter first, for a total order
                if (c != 0) return c;
            }
            else
            {
                if (a[i] != b[j]) return a[i].CompareTo(b[j]);
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
