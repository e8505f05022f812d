using StbImageWriteSharp;

namespace FaceNet2ExpNet.Data;

/// <summary>
/// Writes a prepared dataset into a temporary folder next to its destination and moves it into place only when complete
/// and valid, so an interrupted or failed preparation never leaves a half-written dataset under data/.
/// Images may be written from several threads; rows are added by one thread in the order they should appear.
/// </summary>
public sealed class PreparedDatasetWriter : IDisposable
{
    private readonly string root;
    private DatasetInfo info;
    private readonly List<string> lines = [Csv.Join(ManifestRow.Columns)];
    private bool committed;

    /// <summary>dataset.json as it will be written; an importer may complete it (folds, counts) once its images are written.</summary>
    public DatasetInfo Info { get => info; set => info = value; }

    /// <summary>The temporary folder being written.</summary>
    public string Staging { get; }

    /// <summary>
    /// Starts a dataset that will replace <paramref name="root"/> on <see cref="Commit"/>. A folder there that is not a
    /// prepared dataset (no dataset.json) is never replaced: it is an <see cref="InvalidDataException"/>, since it may be
    /// the user's own images — `import folder --source data/faces` would otherwise overwrite its own source.
    /// </summary>
    public PreparedDatasetWriter(string root, DatasetInfo info)
    {
        this.root = Path.GetFullPath(root);
        this.info = info;
        if (Directory.Exists(this.root) && !File.Exists(Path.Combine(this.root, "dataset.json")) && Directory.EnumerateFileSystemEntries(this.root).Any())
            throw new InvalidDataException($"{this.root}: already exists and is not a prepared dataset (no dataset.json), so it is not replaced: it may be " +
                                           "your own images (the source itself?). Choose another --data folder (import folder: or --name), or move that folder.");
        Directory.CreateDirectory(Path.GetDirectoryName(this.root)!);
        Staging = $"{this.root}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(Path.Combine(Staging, "images"));
    }

    /// <summary>Encodes RGB pixels (row-major, 3 bytes per pixel) as PNG at <paramref name="relativePath"/>.</summary>
    public void WritePng(string relativePath, byte[] rgb, int width, int height)
    {
        var path = StagedPath(relativePath);
        using var stream = File.Create(path);
        new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, stream);
    }

    /// <summary>Stores already-encoded image bytes (e.g. a file copied from a source dataset).</summary>
    public void WriteBytes(string relativePath, byte[] bytes) => File.WriteAllBytes(StagedPath(relativePath), bytes);

    /// <summary>
    /// Adds one manifest row; <paramref name="fold"/> is a fold index (k-fold) or split roles ("train/test/-"). A field
    /// holding a control character (a newline would split the row) is an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public void AddRow(string relativePath, string label, string subject, string sequence, int frame, string fold)
    {
        string[] fields = [relativePath, label, subject, sequence, frame.ToString(System.Globalization.CultureInfo.InvariantCulture), fold];
        if (fields.FirstOrDefault(Imaging.SafeText.HasControl) is { } bad)
            throw new InvalidDataException($"manifest row of {Imaging.SafeText.Escape(relativePath)}: {Imaging.SafeText.Quote(bad)} holds control characters, " +
                                           "which manifest.csv cannot hold; rename the source file or folder.");
        lines.Add(Csv.Join(fields));
    }

    /// <summary>
    /// Writes manifest.csv and dataset.json into the staging folder and validates them, without moving anything: lets an
    /// importer that writes several datasets (CK+: 8 and 6 classes) check all of them before committing any.
    /// </summary>
    public void Validate()
    {
        File.WriteAllLines(Path.Combine(Staging, "manifest.csv"), lines);
        info.Write(Path.Combine(Staging, "dataset.json"));
        try { PreparedDataset.OpenAny(Staging); }   // a dataset that does not validate is never moved into place
        catch (DatasetFormatException e)
        {
            throw new DatasetFormatException($"{e.Message.Replace(Staging, root)} (nothing was written to {root})", e);
        }
    }

    /// <summary>Writes manifest.csv and dataset.json, validates the result, and moves it to its destination.</summary>
    public PreparedDataset Commit()
    {
        Validate();
        if (Directory.Exists(root))
        {
            var old = $"{root}.old-{Guid.NewGuid():N}";
            Directory.Move(root, old);
            Directory.Move(Staging, root);
            Directory.Delete(old, recursive: true);
        }
        else Directory.Move(Staging, root);
        committed = true;
        return PreparedDataset.OpenAny(root);
    }

    private string StagedPath(string relativePath)
    {
        if (Path.IsPathRooted(relativePath) || relativePath.Split('/', '\\').Contains(".."))
            throw new ArgumentException($"Image path '{relativePath}' must be relative and inside the dataset folder.");
        var path = Path.Combine(Staging, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose()
    {
        if (!committed && Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
    }
}
