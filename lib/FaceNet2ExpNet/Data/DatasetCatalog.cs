namespace FaceNet2ExpNet.Data;

/// <summary>Whether a known dataset is prepared under the data folder, and how to prepare it.</summary>
public sealed record DatasetStatus(string Dataset, string Paper, bool Prepared, int Images, int Classes, string HowToPrepare);

/// <summary>The datasets the notebooks know: the synthetic default and the paper's four (+ FER2013 as extra training data).</summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<(string Name, string Paper, string Command)> Known =
    [
        ("synthetic-ck", "CK+-like, 8 classes (the default)", "data-prep synthetic"),
        ("synthetic-ck6", "CK+-like, 6 classes", "data-prep synthetic"),
        ("ck-plus", "CK+, 8 classes (Table III)", "data-prep import ck-plus --source <CK+ root> (docs/datasets.md)"),
        ("ck-plus6", "CK+, 6 classes (Table III)", "data-prep import ck-plus --source <CK+ root> (docs/datasets.md)"),
        ("oulu-casia", "Oulu-CASIA VIS Strong (Table IV)", "data-prep import oulu-casia --source <Oulu-CASIA root> (docs/datasets.md)"),
        ("tfd", "Toronto Face Database (Table V)", "data-prep import tfd --source <TFD_96x96.mat> (docs/datasets.md)"),
        ("sfew", "SFEW 2.0 (Table VI)", "data-prep import sfew --source <SFEW root> (docs/datasets.md)"),
        ("fer2013", "FER2013, extra training data for SFEW", "data-prep import fer2013 --source <fer2013.csv> (docs/datasets.md)"),
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
