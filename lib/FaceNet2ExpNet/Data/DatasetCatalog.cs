namespace FaceNet2ExpNet.Data;

/// <summary>Whether a known dataset is prepared under the data folder, and how to prepare it.</summary>
public sealed record DatasetStatus(string Dataset, string Paper, bool Prepared, int Images, int Classes, string HowToPrepare);

/// <summary>The datasets the notebooks know: the synthetic default and the paper's four (+ FER2013 as extra training data).</summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<(string Name, string Paper, string Command)> Known =
    [
        (Synthetic.ExpressionCorpus.Name8, "CK+-like, 8 classes (the default)", "data-prep synthetic"),
        (Synthetic.ExpressionCorpus.Name6, "CK+-like, 6 classes", "data-prep synthetic"),
        (Synthetic.SmallExpressionCorpus.Name, "JAFFE-sized: 10 subjects, 7 classes, 210 images", "data-prep synthetic"),
        .. Reporting.PaperDatasets.All.Select(d => (d.Key, d.Title, d.Prepare)),
    ];

    /// <summary>One row per known dataset: prepared or not, its size, the command that prepares it.</summary>
    public static IReadOnlyList<DatasetStatus> Status(string dataRoot) => Known.Select(k =>
    {
        var root = Path.Combine(dataRoot, k.Name);
        try
        {
            var d = PreparedDataset.Open(root);
            return new DatasetStatus(k.Name, k.Paper, true, d.Rows.Count, d.Classes.Count, k.Command);
        }
        catch (DatasetFormatException)
        {
            return new DatasetStatus(k.Name, k.Paper, false, 0, 0, k.Command);
        }
    }).ToList();

    /// <summary>True when <paramref name="name"/> is prepared (and valid) under <paramref name="dataRoot"/>.</summary>
    public static bool IsPrepared(string dataRoot, string name)
    {
        try { PreparedDataset.Open(Path.Combine(dataRoot, name)); return true; }
        catch (DatasetFormatException) { return false; }
    }
}
