using System.Security.Cryptography;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Imaging;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// The data of one experiment: its prepared dataset (validated for training: no declared class without images, a
/// synthetic corpus stored at least as large as the profile loads), the extra training data joined to every fold
/// (SFEW + FER2013), the other people's faces stage 1 also regresses (<c>stage1.unlabelled</c>), the face corpus a face
/// net is pre-trained on, and each fold's training and test images — the
/// fold's test subjects, or with <c>split=validation</c> a subject-disjoint 15 % of its training subjects.
/// </summary>
public sealed class ExperimentData : IDisposable
{
    private readonly ExperimentSettings settings;
    private readonly LineProgress progress;
    private ImageSet? images, unlabelledImages;
    private PreparedDataset? faces, extra;
    private DataRef? reference;

    /// <param name="dataset">The experiment's dataset, opened (<see cref="PreparedDataset.Open"/>).</param>
    /// <param name="imageSize">Side the images are loaded at (setting <c>image_size</c>).</param>
    /// <param name="validation">Test on a validation split of each fold's training subjects (setting <c>split</c>).</param>
    /// <param name="unlabelledName">Setting <c>stage1.unlabelled</c>: a prepared dataset (labelled, or unlabelled faces) whose images stage 1 also regresses, or "none".</param>
    /// <exception cref="DatasetFormatException">The dataset declares a class without images; the <c>stage1.unlabelled</c> dataset is missing or damaged.</exception>
    /// <exception cref="InvalidOperationException">A synthetic corpus stored smaller than <paramref name="imageSize"/>.</exception>
    /// <exception cref="ArgumentException">The <c>stage1.unlabelled</c> dataset is this dataset, or shares a subject with it.</exception>
    public ExperimentData(ExperimentSettings settings, PreparedDataset dataset, int imageSize, bool validation, TextWriter log, string unlabelledName = "none")
    {
        (this.settings, Dataset, ImageSize, IsValidation) = (settings, dataset, imageSize, validation);
        progress = new LineProgress(log, "data");
        if (Dataset.EmptyClasses() is { } empty) throw new DatasetFormatException(empty + ".");
        if (Dataset.Info.ImageSize < imageSize)
        {
            if (Dataset.Info.IsSynthetic)
                throw new InvalidOperationException($"{Dataset.Root} is stored at {Dataset.Info.ImageSize} px but profile {settings.Profile.Name} loads images at {imageSize} px: " +
                                                    $"generate its corpora with `data-prep synthetic --profile {settings.Profile.Name} --data {settings.DataRoot}`.");
            log.WriteLine($"[{settings.Dataset}] images are stored at {Dataset.Info.ImageSize} px and scaled up to {imageSize} px (image_size)");
        }
        foreach (var problem in Dataset.UntrainableClasses()) log.WriteLine($"[{settings.Dataset}] warning: {problem}.");
        if (unlabelledName != "none")
        {
            var more = Unlabelled = PreparedDataset.OpenAny(settings.DatasetFolder(unlabelledName));
            UnlabelledRef = RefOf(more);
            CheckUnlabelled($"stage1.unlabelled={unlabelledName}", more, UnlabelledRef);
            if (more.Info.ImageSize < imageSize)
                log.WriteLine($"[stage1.unlabelled] {more.Root}'s images are stored at {more.Info.ImageSize} px and scaled up to {imageSize} px (image_size)");
            // Faces framed otherwise than the test faces teach stage 1 a mapping it is never asked for.
            if (more.Info.Normalisation != Dataset.Info.Normalisation)
                log.WriteLine($"[stage1.unlabelled] warning: {more.Root}'s faces were normalised as {SafeText.Quote(more.Info.Normalisation, 120)}, {Dataset.Root}'s as " +
                              $"{SafeText.Quote(Dataset.Info.Normalisation, 120)}: stage 1 would regress faces framed unlike those it is tested on (import both with the same --aligner and --size)");
        }
    }

    public PreparedDataset Dataset { get; }
    public int ImageSize { get; }
    public bool IsValidation { get; }

    /// <summary>The dataset as run configs record it: its name and fingerprint.</summary>
    public DataRef Ref => reference ??= RefOf(Dataset);

    /// <summary>The extra training data (<see cref="ExperimentSettings.ExtraTrainingData"/>), opened once; null if none.</summary>
    public PreparedDataset? Extra => settings.ExtraTrainingData is { } name ? extra ??= PreparedDataset.Open(settings.DatasetFolder(name)) : null;

    /// <summary>The <c>stage1.unlabelled</c> dataset, opened by the constructor; null if none.</summary>
    public PreparedDataset? Unlabelled { get; }

    /// <summary>The <c>stage1.unlabelled</c> dataset as stage-1 configs record it; null if none.</summary>
    public DataRef? UnlabelledRef { get; }

    /// <summary>Every image of the <c>stage1.unlabelled</c> dataset, loaded once at <see cref="ImageSize"/>; null if none.</summary>
    public ImageSet? UnlabelledImages => Unlabelled is null ? null : unlabelledImages ??= Unlabelled.Load(ImageSize, progress: progress);

    /// <summary>
    /// Stage 1's training and test images of fold k: <see cref="Fold"/>'s, every <see cref="UnlabelledImages"/> image
    /// added to the training images with label −1 (<see cref="ImageSetConcat.WithUnlabelled"/>; copies, dispose them).
    /// </summary>
    public (ImageSet Train, ImageSet Test) Stage1Fold(int k)
    {
        var (train, test) = Fold(k);
        if (UnlabelledImages is not { } faces) return (train, test);
        using var own = train;
        return (ImageSetConcat.WithUnlabelled(own, faces), test);
    }

    /// <summary>
    /// Refuses an unlabelled set that would put a test subject's face into stage 1: the dataset itself (or a copy of it),
    /// or one sharing a subject id with it — every subject is some fold's test subject.
    /// </summary>
    private void CheckUnlabelled(string name, PreparedDataset more, DataRef reference)
    {
        if (Path.GetFullPath(more.Root) == Path.GetFullPath(Dataset.Root) || reference.Fingerprint == Ref.Fingerprint)
            throw new ArgumentException($"{name} is the dataset being tested ({Dataset.Root}): stage 1 would regress its test subjects' faces. Name a dataset of other people.");
        var own = Dataset.Rows.Select(r => r.Subject).ToHashSet(StringComparer.Ordinal);
        var shared = more.Rows.Select(r => r.Subject).Where(own.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        if (shared.Count > 0)
            throw new ArgumentException($"{name} ({more.Root}) shares {shared.Count} subject id(s) with {Dataset.Root} (e.g. {string.Join(", ", shared.Take(3))}): " +
                                        "stage 1 would regress faces of subjects it is tested on. Use a dataset of other people (or give them distinct subject ids).");
    }

    /// <summary>The face corpus a randomly initialised face net is pre-trained on, opened once.</summary>
    public PreparedDataset Faces => faces ??= PreparedDataset.Open(settings.DatasetFolder(settings.FaceCorpus));

    /// <summary>Every image of the dataset, loaded once at <see cref="ImageSize"/> (row i of the manifest at position i).</summary>
    public ImageSet AllImages => images ??= Dataset.Load(ImageSize, progress: progress);

    /// <summary>Manifest rows of fold k's training and test images (see <see cref="Fold"/>).</summary>
    public (int[] Train, int[] Test) FoldRows(int k)
    {
        var split = Dataset.Fold(k);
        return IsValidation ? ValidationSplit.Of(Dataset, split) : (split.Train, split.Test);
    }

    /// <summary>Train and test images of fold k, the extra training data's added to its training images (copies; dispose them).</summary>
    public (ImageSet Train, ImageSet Test) Fold(int k)
    {
        var (trainRows, testRows) = FoldRows(k);
        var train = AllImages.Subset(trainRows);
        var test = AllImages.Subset(testRows);
        if (Extra is { } more)
        {
            using var added = more.Load(ImageSize, more.Fold(0).Train, progress);
            using var own = train;
            train = ImageSetConcat.Concat(own, added);
        }
        return (train, test);
    }

    /// <summary>The face corpus's training and held-out photos (its split 0) at <paramref name="size"/>.</summary>
    public (ImageSet Train, ImageSet Test) FaceCorpus(int size)
    {
        var split = Faces.Fold(0);
        return (Faces.Load(size, split.Train, progress), Faces.Load(size, split.Test, progress));
    }

    /// <summary>A dataset's identity for run configs: name + the first 12 hex digits of the SHA-256 of dataset.json and manifest.csv.</summary>
    public static DataRef RefOf(PreparedDataset dataset)
    {
        using var sha = SHA256.Create();
        foreach (var file in new[] { "dataset.json", "manifest.csv" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(dataset.Root, file));
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return new DataRef(dataset.Info.Name, Convert.ToHexString(sha.Hash!)[..12].ToLowerInvariant());
    }

    public void Dispose()
    {
        images?.Dispose();
        unlabelledImages?.Dispose();
    }
}
