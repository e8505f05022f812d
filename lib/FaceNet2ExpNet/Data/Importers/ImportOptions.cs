using FaceNet2ExpNet.Data.Alignment;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>Where a distributed dataset is, where its prepared form goes, and how its faces are normalised.</summary>
/// <param name="Source">The dataset's root folder as distributed (or its label file, for TFD and FER2013).</param>
/// <param name="DataRoot">The data folder; each importer writes data/&lt;dataset&gt; below it.</param>
public sealed record ImportOptions(string Source, string DataRoot)
{
    /// <summary>Side of the stored square face crops (256 in the paper).</summary>
    public int ImageSize { get; init; } = 256;

    /// <summary>Face normalisation for datasets that ship raw frames (CK+, Oulu-CASIA); its name goes into dataset.json.</summary>
    public IFaceAligner Aligner { get; init; } = new CentreCropAligner();

    /// <summary>Progress lines ("ck-plus: wrote 500/1308 images").</summary>
    public IProgress<string>? Progress { get; init; }
}

/// <summary>The datasets an importer wrote and a printable summary (counts beside the paper's Table II, skipped items).</summary>
public sealed record ImportResult(IReadOnlyList<PreparedDataset> Datasets, IReadOnlyList<string> Summary);
