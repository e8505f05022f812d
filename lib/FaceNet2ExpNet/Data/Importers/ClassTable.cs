using System.Globalization;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>The paper's Table II (images per class) and a printout of a prepared dataset's counts beside it.</summary>
public static class ClassTable
{
    /// <summary>Table II of the paper, per dataset (<see cref="Reporting.PaperDatasets"/>); classes a dataset lacks are absent.</summary>
    public static class PaperTable2
    {
        public static IReadOnlyDictionary<string, int> CkPlus => Reporting.PaperDatasets.CkPlus.TableIICounts;
        public static IReadOnlyDictionary<string, int> OuluCasia => Reporting.PaperDatasets.OuluCasia.TableIICounts;
        public static IReadOnlyDictionary<string, int> Tfd => Reporting.PaperDatasets.Tfd.TableIICounts;
        public static IReadOnlyDictionary<string, int> Sfew => Reporting.PaperDatasets.Sfew.TableIICounts;

        /// <summary>Totals as printed in Table II, by dataset key (Oulu-CASIA's 1444 is not the sum of its row, 1440).</summary>
        public static IReadOnlyDictionary<string, int> PrintedTotal { get; } = Reporting.PaperDatasets.All
            .Where(d => d.TableIIPrintedTotal is not null).ToDictionary(d => d.Key, d => d.TableIIPrintedTotal!.Value);
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
