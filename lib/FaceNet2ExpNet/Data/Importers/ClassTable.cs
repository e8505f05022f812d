using System.Globalization;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>The paper's Table II (images per class) and a printout of a prepared dataset's counts beside it.</summary>
public static class ClassTable
{
    /// <summary>Table II of the paper, per dataset; classes a dataset lacks are absent.</summary>
    public static class PaperTable2
    {
        public static readonly IReadOnlyDictionary<string, int> CkPlus = Counts(135, 54, 177, 75, 147, 84, 249, 327);
        public static readonly IReadOnlyDictionary<string, int> OuluCasia = Counts(240, null, 240, 240, 240, 240, 240, null);
        public static readonly IReadOnlyDictionary<string, int> Tfd = Counts(437, null, 457, 424, 758, 441, 459, 1202);
        public static readonly IReadOnlyDictionary<string, int> Sfew = Counts(255, null, 75, 124, 256, 234, 150, 228);

        /// <summary>Totals as printed in Table II (Oulu-CASIA's 1444 is not the sum of its row, 1440).</summary>
        public static readonly IReadOnlyDictionary<string, int> PrintedTotal = new Dictionary<string, int>
        {
            ["ck-plus"] = 1308, ["oulu-casia"] = 1444, ["tfd"] = 4178, ["sfew"] = 1322,
        };

        private static Dictionary<string, int> Counts(params int?[] anCoDiFeHaSaSuNe)
        {
            var d = new Dictionary<string, int>();
            for (var i = 0; i < anCoDiFeHaSaSuNe.Length; i++)
                if (anCoDiFeHaSaSuNe[i] is { } n) d[ExpressionNames.CkPlus8[i]] = n;
            return d;
        }
    }

    /// <summary>
    /// "  class  ours  paper" lines for a dataset; <paramref name="paper"/> may be null (no published counts), and
    /// <paramref name="notes"/> adds a footnote to a class's line.
    /// </summary>
    public static List<string> Format(IReadOnlyList<string> classes, int[] counts, IReadOnlyDictionary<string, int>? paper,
        int? paperTotal = null, IReadOnlyDictionary<string, string>? notes = null, string oursHeading = "ours")
    {
        static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
        var lines = new List<string> { paper is null ? $"  {"class",-10} {oursHeading,6}" : $"  {"class",-10} {oursHeading,6}  {"paper (Table II)",16}" };
        var marks = new List<string>();
        for (var c = 0; c < classes.Count; c++)
        {
            var line = $"  {classes[c],-10} {counts[c],6}";
            if (paper is not null) line += $"  {(paper.TryGetValue(classes[c], out var p) ? N(p) : ""),16}";
            if (notes?.GetValueOrDefault(classes[c]) is { } note)
            {
                marks.Add(note);
                line += " " + new string('*', marks.Count);
            }
            lines.Add(line.TrimEnd());
        }
        var total = $"  {"total",-10} {counts.Sum(),6}";
        if (paper is not null) total += $"  {N(paperTotal ?? paper.Values.Sum()),16}";
        lines.Add(total);
        lines.AddRange(marks.Select((m, i) => $"  {new string('*', i + 1)} {m}"));
        return lines;
    }
}
