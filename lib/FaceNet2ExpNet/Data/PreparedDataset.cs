namespace FaceNet2ExpNet.Data;

/// <summary>
/// A prepared dataset folder (dataset.json + manifest.csv + images/), validated on open: every listed image exists,
/// labels are known classes, and every fold has training and test images (<see cref="EmptyClasses"/> and
/// <see cref="UntrainableClasses"/> say what a dataset to train on lacks beyond that).
/// </summary>
public sealed class PreparedDataset
{
    public string Root { get; }
    public DatasetInfo Info { get; }
    public IReadOnlyList<ManifestRow> Rows { get; }
    public IReadOnlyList<string> Classes => Info.Classes;

    private PreparedDataset(string root, DatasetInfo info, List<ManifestRow> rows) => (Root, Info, Rows) = (root, info, rows);

    /// <summary>
    /// Opens and validates the labelled dataset at <paramref name="root"/>; throws <see cref="DatasetFormatException"/>
    /// naming the problem — also for a set of unlabelled faces, which can be neither trained nor tested on.
    /// </summary>
    public static PreparedDataset Open(string root)
    {
        var dataset = OpenAny(root);
        if (dataset.Info.IsUnlabelled)
            throw new DatasetFormatException($"{root}: holds unlabelled faces (protocol 'unlabelled', from data-prep import unlabelled), which can be neither trained " +
                                             $"nor tested on; stage 1 can regress them beside a labelled dataset: --set stage1.unlabelled={Imaging.SafeText.Escape(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)))}.");
        return dataset;
    }

    /// <summary>
    /// Opens and validates a prepared dataset of either kind: labelled (as <see cref="Open"/>) or unlabelled faces
    /// (<see cref="Protocol.Unlabelled"/>: no classes, no folds, every label −1) — for what needs only its faces.
    /// </summary>
    public static PreparedDataset OpenAny(string root)
    {
        if (!Directory.Exists(root))
            throw new DatasetFormatException($"{root}: no prepared dataset here (folder missing). Prepare one with data-prep (see README; the format: docs/dataset-format.md).");
        var info = DatasetInfo.Read(Path.Combine(root, "dataset.json"));
        var manifestPath = Path.Combine(root, "manifest.csv");
        var rows = Manifest.Read(manifestPath, info);
        for (var i = 0; i < rows.Count; i++)
            if (!File.Exists(Path.Combine(root, rows[i].Path)))
                throw new DatasetFormatException($"{rows[i].Where(manifestPath)}: image '{rows[i].Path}' does not exist.");
        var dataset = new PreparedDataset(root, info, rows);
        for (var k = 0; k < dataset.FoldCount; k++) dataset.Fold(k);   // throws on an empty fold
        return dataset;
    }

    /// <summary>Number of folds (k-fold) or splits (fixed splits); 0 for unlabelled faces.</summary>
    public int FoldCount => Info.Folds;

    /// <summary>Fold k: k-fold → test = the fold's subjects, train = all others; fixed splits → the roles of split k.</summary>
    public FoldSplit Fold(int k)
    {
        if (k < 0 || k >= FoldCount) throw new ArgumentOutOfRangeException(nameof(k), $"{Info.Name} has folds 0…{FoldCount - 1}, not {k}.");
        List<int> train = [], valid = [], test = [];
        for (var i = 0; i < Rows.Count; i++)
        {
            var role = Info.Protocol == Protocol.KFold
                ? (Rows[i].TestFold == k ? SplitRole.Test : SplitRole.Train)
                : Rows[i].Roles[k];
            (role switch { SplitRole.Train => train, SplitRole.Valid => valid, SplitRole.Test => test, _ => null })?.Add(i);
        }
        var manifest = Path.Combine(Root, "manifest.csv");
        if (test.Count == 0) throw new DatasetFormatException($"{manifest}: fold {k} has no test images.");
        if (train.Count == 0) throw new DatasetFormatException($"{manifest}: fold {k} has no training images.");
        return new FoldSplit(k, [.. train], [.. valid], [.. test]);
    }

    /// <summary>
    /// The classes dataset.json declares but manifest.csv lists no image of, as one line (null when there are none):
    /// a dataset to train and test on cannot measure them (extra training data, FER2013 beside SFEW, may lack one).
    /// </summary>
    public string? EmptyClasses()
    {
        var empty = Classes.Where((_, c) => !Rows.Any(r => r.Label == c)).ToList();
        return empty.Count == 0 ? null
            : $"{Path.Combine(Root, "dataset.json")} declares the class{(empty.Count > 1 ? "es" : "")} {string.Join(", ", empty)}, but manifest.csv lists " +
              $"no image of {(empty.Count > 1 ? "them" : "it")}: remove {(empty.Count > 1 ? "them" : "it")} from \"classes\" or add images";
    }

    /// <summary>
    /// Per fold, the classes that have test images but no training image (all their images belong to that fold's test
    /// subjects): the fold cannot learn them. One line per such fold, empty when every fold can learn every class it tests.
    /// </summary>
    public IReadOnlyList<string> UntrainableClasses()
    {
        var problems = new List<string>();
        for (var k = 0; k < FoldCount; k++)
        {
            var split = Fold(k);
            var trained = split.Train.Select(r => Rows[r].Label).ToHashSet();
            var missing = split.Test.Select(r => Rows[r].Label).Distinct().Where(c => !trained.Contains(c)).Select(c => Classes[c]).ToList();
            if (missing.Count > 0)
                problems.Add($"fold {k}: no training image of {string.Join(", ", missing)} (all of its images are this fold's test subjects), so its test images of it cannot be recognised");
        }
        return problems;
    }

    /// <summary>Images per class, in class order (Table II).</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes.Count];
        foreach (var r in Rows.Where(r => r.Label >= 0)) counts[r.Label]++;
        return counts;
    }

    /// <summary>Decodes the images listed at <paramref name="rows"/> (all when null) into one tensor of side <paramref name="size"/>.</summary>
    public ImageSet Load(int size, IReadOnlyList<int>? rows = null, IProgress<string>? progress = null) =>
        ImageSet.Load(this, rows ?? Enumerable.Range(0, Rows.Count).ToArray(), size, progress);
}
