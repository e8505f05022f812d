namespace FaceNet2ExpNet.Reporting;

/// <summary>Table II: images per expression class in the paper's datasets, as <see cref="PaperDatasets"/> holds them.</summary>
public static class PaperTableII
{
    /// <summary>The paper's class order: An Co Di Fe Ha Sa Su Ne.</summary>
    public static IReadOnlyList<string> Classes => PaperDatasets.TableIIClasses;

    /// <summary>The paper's count for <paramref name="expression"/> in the Table II row <paramref name="row"/> ("CK+"), or null.</summary>
    public static int? Count(string row, string expression) =>
        PaperDatasets.ByTableIIRow(row)?.TableIICounts.TryGetValue(expression, out var n) == true ? n : null;

    /// <summary>The Table II row a prepared dataset compares with, or null.</summary>
    public static string? RowFor(string dataset) => PaperDatasets.For(dataset)?.TableIIRow;
}
