namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// One dataset of the paper (a registry entry, like the face nets' and methods'): the prepared datasets it stands for
/// (the synthetic CK+-like corpora compare with CK+), its results table (Tables III–VI, rows as printed), its confusion
/// figure, its Table II row (images per class, as printed), its Table I rows if any, and how to prepare it.
/// </summary>
public sealed record PaperDataset
{
    /// <summary>The prepared dataset's name for the real data (data/&lt;key&gt;).</summary>
    public required string Key { get; init; }
    /// <summary>Every prepared dataset compared with it: the key and synthetic stand-ins ("synthetic-ck").</summary>
    public required IReadOnlyList<string> Names { get; init; }
    /// <summary>"CK+, 8 classes (Table III)".</summary>
    public required string Title { get; init; }
    /// <summary>The results table it is compared with: "Table III, CK+ eight classes"; null when the paper has none (FER2013).</summary>
    public string? Table { get; init; }
    public IReadOnlyList<PaperRow> Results { get; init; } = [];
    /// <summary>The paper's confusion-matrix figure for it ("Fig. 6"), if any.</summary>
    public string? Figure { get; init; }
    /// <summary>Its Table II row name ("CK+") and counts in Table II's class order (<see cref="PaperDatasets.TableIIClasses"/>; null = class absent).</summary>
    public string? TableIIRow { get; init; }
    public IReadOnlyList<int?>? TableII { get; init; }
    /// <summary>Table II's printed total, when it is not the sum of the row (Oulu-CASIA: 1444 against 1440).</summary>
    public int? TableIIPrintedTotal { get; init; }
    /// <summary>Table I's LES counts on it (CK+, Oulu-CASIA), if the paper gives them.</summary>
    public PaperLesCounts? TableI { get; init; }
    /// <summary>The command that prepares it.</summary>
    public required string Prepare { get; init; }

    /// <summary>Table II's counts by class name (classes the dataset lacks are absent).</summary>
    public IReadOnlyDictionary<string, int> TableIICounts =>
        TableII is null ? new Dictionary<string, int>()
            : PaperDatasets.TableIIClasses.Zip(TableII).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!.Value);
}

/// <summary>The paper's datasets (Sec. IV), each defined once; everything that shows a paper number for a dataset reads it here.</summary>
public static class PaperDatasets
{
    /// <summary>Table II's class order: An Co Di Fe Ha Sa Su Ne.</summary>
    public static readonly IReadOnlyList<string> TableIIClasses = ["anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise", "neutral"];

    private const string Docs = "(docs/datasets.md)";

    /// <summary>CK+, eight classes. Table II prints "happy 147": a misprint — 69 sequences × 3 = 207, and only 207 makes its total 1308.</summary>
    public static PaperDataset CkPlus { get; } = new()
    {
        Key = "ck-plus", Names = ["ck-plus", "synthetic-ck"], Title = "CK+, 8 classes (Table III)", Table = "Table III, CK+ eight classes",
        Results = [new("AUDN [18]", 92.1), new("Train From Scratch (BN)", 88.7), new("VGG Fine-Tune (baseline)", 89.9), new("FN2EN", 96.8)],
        Figure = "Fig. 6", TableIIRow = "CK+", TableII = [135, 54, 177, 75, 147, 84, 249, 327], TableIIPrintedTotal = 1308,
        TableI = new("CK+", [7763, 2011, 338, 248], [-57, 511, 658, 610]),
        Prepare = $"data-prep import ck-plus --source <CK+ root> {Docs}",
    };

    public static PaperDataset CkPlus6 { get; } = new()
    {
        Key = "ck-plus6", Names = ["ck-plus6", "synthetic-ck6"], Title = "CK+, 6 classes (Table III)", Table = "Table III, CK+ six classes",
        Results =
        [
            new("CSPL [16]", 89.9), new("AdaGabor [35]", 93.3), new("LBPSVM [36]", 95.1), new("3DCNN-DAP [21]", 92.4), new("BDBN [19]", 96.7),
            new("STM-ExpLet [20]", 94.2), new("DTAGN [22]", 97.3), new("Inception [23]", 93.2), new("LOMo [37]", 95.1), new("PPDN [9]", 97.3),
            new("FN2EN", 98.6),
        ],
        TableIIRow = "CK+", TableII = [135, null, 177, 75, 147, 84, 249, null],
        Prepare = $"data-prep import ck-plus --source <CK+ root> {Docs}",
    };

    public static PaperDataset OuluCasia { get; } = new()
    {
        Key = "oulu-casia", Names = ["oulu-casia"], Title = "Oulu-CASIA VIS Strong (Table IV)", Table = "Table IV, Oulu-CASIA",
        Results =
        [
            new("HOG 3D [38]", 70.63), new("AdaLBP [28]", 73.54), new("Atlases [39]", 75.52), new("STM-ExpLet [20]", 74.59), new("DTAGN [22]", 81.46),
            new("LOMo [37]", 82.10), new("PPDN [9]", 84.59), new("Train From Scratch (BN)", 76.87), new("VGG Fine-Tune (baseline)", 83.26), new("FN2EN", 87.71),
        ],
        Figure = "Fig. 7", TableIIRow = "Oulu-CASIA", TableII = [240, null, 240, 240, 240, 240, 240, null], TableIIPrintedTotal = 1444,
        TableI = new("Oulu-CASIA", [3009, 605, 48, 33], [194, 895, 952, 1086]),
        Prepare = $"data-prep import oulu-casia --source <Oulu-CASIA root> {Docs}",
    };

    public static PaperDataset Tfd { get; } = new()
    {
        Key = "tfd", Names = ["tfd"], Title = "Toronto Face Database (Table V)", Table = "Table V, TFD",
        Results =
        [
            new("Gabor + PCA [40]", 80.2), new("Deep mPoT [41]", 82.4), new("CDA+CCA [42]", 85.0), new("disRBM [43]", 85.4), new("bootstrap-recon [44]", 86.8),
            new("Train From Scratch (BN)", 82.5), new("VGG Fine-Tune (baseline)", 86.7), new("FN2EN", 88.9),
        ],
        Figure = "Fig. 8", TableIIRow = "TFD", TableII = [437, null, 457, 424, 758, 441, 459, 1202], TableIIPrintedTotal = 4178,
        Prepare = $"data-prep import tfd --source <TFD_96x96.mat> {Docs}",
    };

    public static PaperDataset Sfew { get; } = new()
    {
        Key = "sfew", Names = ["sfew"], Title = "SFEW 2.0 (Table VI)", Table = "Table VI, SFEW",
        Results =
        [
            new("AUDN [18]", 26.14), new("STM-ExpLet [20]", 31.73), new("Inception [23]", 47.70), new("Mapped LBP [8]", 41.92),
            new("Train From Scratch (BN)", 39.55), new("VGG Fine-Tune (baseline)", 41.23), new("FN2EN", 48.19),
            new("Transfer Learning [25]", 48.50, "+ FER2013"), new("Multiple Deep Network [24]", 52.29, "+ FER2013"), new("FN2EN", 55.15, "+ FER2013"),
        ],
        Figure = "Fig. 9", TableIIRow = "SFEW", TableII = [255, null, 75, 124, 256, 234, 150, 228], TableIIPrintedTotal = 1322,
        Prepare = $"data-prep import sfew --source <SFEW root> {Docs}",
    };

    /// <summary>FER2013: extra training data for SFEW (Table VI, second block); no table of its own.</summary>
    public static PaperDataset Fer2013 { get; } = new()
    {
        Key = "fer2013", Names = ["fer2013"], Title = "FER2013, extra training data for SFEW",
        Prepare = $"data-prep import fer2013 --source <fer2013.csv> {Docs}",
    };

    public static IReadOnlyList<PaperDataset> All { get; } = [CkPlus, CkPlus6, OuluCasia, Tfd, Sfew, Fer2013];

    /// <summary>The paper dataset a prepared dataset called <paramref name="name"/> is compared with, or null.</summary>
    public static PaperDataset? For(string name) => All.FirstOrDefault(d => d.Names.Contains(name));

    /// <summary>A Table II row by its printed name ("CK+"), or null.</summary>
    public static PaperDataset? ByTableIIRow(string row) => All.FirstOrDefault(d => d.TableIIRow == row);
}
