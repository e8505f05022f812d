using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>
/// A batch ready for a network: normalised float images (B×3×crop×crop), int64 labels and, for stage 1 with cached
/// teacher targets (<see cref="Training.TeacherTargets"/>), the targets of these very views (B×C×H×W).
/// </summary>
public sealed record Batch(Tensor Images, Tensor Labels, Tensor? Targets = null);

/// <summary>
/// A dataset preloaded into one native uint8 tensor (N×3×S×S) with its labels, sliced into batches on demand. Expression
/// datasets are small (CK+: 1308 images = 257 MB at 256²), so decoding once and augmenting on the fly is the fast path;
/// a large one costs 3·S² bytes per image (FER2013's 35,887 at 256 px: 7.1 GB).
/// </summary>
public sealed class ImageSet : IDisposable
{
    public Tensor Images { get; }
    public Tensor Labels { get; }
    /// <summary>Row index in the dataset's manifest of each image here.</summary>
    public int[] Rows { get; }
    public IReadOnlyList<string> Classes { get; }
    public int Size => (int)Images.shape[2];
    public int Count => Rows.Length;

    public ImageSet(Tensor images, Tensor labels, int[] rows, IReadOnlyList<string> classes)
    {
        if (images.dim() != 4 || images.shape[1] != 3 || images.dtype != ScalarType.Byte)
            throw new ArgumentException($"ImageSet needs uint8 images N×3×S×S, got {images.dtype} [{string.Join(", ", images.shape)}].");
        if (labels.shape[0] != images.shape[0]) throw new ArgumentException($"{images.shape[0]} images but {labels.shape[0]} labels.");
        (Images, Labels, Rows, Classes) = (images, labels, rows, classes);
    }

    internal static ImageSet Load(PreparedDataset dataset, IReadOnlyList<int> rows, int size, IProgress<string>? progress)
    {
        // One native uint8 tensor, filled image by image: a managed byte[] cannot exceed 2³¹ bytes (≈ 10,900 images at 256 px).
        var pixels = empty([rows.Count, 3, size, size], ScalarType.Byte);
        var labels = new long[rows.Count];
        var manifest = Path.Combine(dataset.Root, "manifest.csv");
        var done = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Index, DatasetFormatException Error)>();
        var uniform = new System.Collections.Concurrent.ConcurrentBag<int>();
        var hashes = new string[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var row = dataset.Rows[rows[i]];
            byte[] chw;
            try { chw = ImageDecoder.ToSquareChw(ImageDecoder.Decode(Path.Combine(dataset.Root, row.Path)), size); }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                failures.Add((i, new DatasetFormatException($"{row.Where(manifest)}: {e.Message}", e)));
                return;
            }
            // Through libtorch's own copy into the image's row: TorchSharp's accessor fails past 2³¹ elements.
            using (var source = tensor(chw, [3, size, size], ScalarType.Byte))
            using (var target = pixels[i]) target.copy_(source);
            labels[i] = row.Label;
            if (IsUniform(chw)) uniform.Add(i);
            hashes[i] = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(chw));
            var n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 500 == 0 || n == rows.Count)) progress.Report($"{dataset.Info.Name}: decoded {n}/{rows.Count} images");
        });
        // Report the first bad row in manifest order, whichever thread met it first.
        if (!failures.IsEmpty)
        {
            pixels.Dispose();
            throw failures.MinBy(f => f.Index).Error;
        }
        if (rows.Count > 1 && (uniform.Count == rows.Count || hashes.Distinct().Count() == 1))
        {
            pixels.Dispose();
            var first = dataset.Rows[rows[0]];
            throw new DatasetFormatException(uniform.Count == rows.Count
                ? $"{manifest}: all {rows.Count} images are a single uniform colour (first: {first.Path}) — nothing to learn from; check the images."
                : $"{manifest}: all {rows.Count} images are identical (first: {first.Path}) — nothing to learn from; check the images.");
        }
        if (!uniform.IsEmpty)
            progress?.Report($"{dataset.Info.Name}: {uniform.Count} of {rows.Count} images are a single uniform colour " +
                             $"(e.g. {string.Join(", ", uniform.Order().Take(3).Select(i => dataset.Rows[rows[i]].Path))})");
        return new ImageSet(pixels, tensor(labels), [.. rows], dataset.Classes);
    }

    private static bool IsUniform(byte[] chw)
    {
        var first = chw[0];
        foreach (var b in chw)
            if (b != first) return false;
        return true;
    }

    /// <summary>
    /// The images at <paramref name="indices"/> (positions in this set) as a network batch: random crop + flip when
    /// <paramref name="augment"/> is given, else the centre crop; then normalised.
    /// </summary>
    public Batch MakeBatch(IReadOnlyList<int> indices, int crop, Normalization normalization, Random? augment = null)
    {
        using var scope = NewDisposeScope();
        var index = tensor(indices.Select(i => (long)i).ToArray());
        var raw = Images.index_select(0, index);
        var cropped = augment is null ? Transforms.CenterCrop(raw, crop) : Transforms.RandomCropFlip(raw, crop, augment);
        var images = normalization.Apply(cropped).MoveToOuterDisposeScope();
        var labels = Labels.index_select(0, index).MoveToOuterDisposeScope();
        return new Batch(images, labels);
    }

    /// <summary>The images at <paramref name="indices"/> in the given <paramref name="views"/> (one per index), normalised.</summary>
    public Batch MakeBatch(IReadOnlyList<int> indices, IReadOnlyList<View> views, int crop, Normalization normalization)
    {
        using var scope = NewDisposeScope();
        var index = tensor(indices.Select(i => (long)i).ToArray());
        var images = normalization.Apply(Transforms.Views(Images.index_select(0, index), views, crop)).MoveToOuterDisposeScope();
        return new Batch(images, Labels.index_select(0, index).MoveToOuterDisposeScope());
    }

    /// <summary>A subset (positions in this set) sharing nothing with this one.</summary>
    public ImageSet Subset(IReadOnlyList<int> positions)
    {
        using var index = tensor(positions.Select(i => (long)i).ToArray());
        return new ImageSet(Images.index_select(0, index), Labels.index_select(0, index), positions.Select(p => Rows[p]).ToArray(), Classes);
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
