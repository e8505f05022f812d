using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>A batch ready for a network: normalised float images (B×3×crop×crop) and int64 labels.</summary>
public sealed record Batch(Tensor Images, Tensor Labels);

/// <summary>
/// A small dataset preloaded into one uint8 tensor (N×3×S×S) with its labels, sliced into batches on demand. Expression
/// datasets are small (CK+: 1308 images = 257 MB at 256²), so decoding once and augmenting on the fly is the fast path.
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
        var plane = 3 * size * size;
        var pixels = new byte[(long)rows.Count * plane];
        var labels = new long[rows.Count];
        var manifest = Path.Combine(dataset.Root, "manifest.csv");
        var done = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Index, DatasetFormatException Error)>();
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
            Buffer.BlockCopy(chw, 0, pixels, i * plane, plane);
            labels[i] = row.Label;
            var n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 500 == 0 || n == rows.Count)) progress.Report($"{dataset.Info.Name}: decoded {n}/{rows.Count} images");
        });
        // Report the first bad row in manifest order, whichever thread met it first.
        if (!failures.IsEmpty) throw failures.MinBy(f => f.Index).Error;
        return new ImageSet(tensor(pixels, [rows.Count, 3, size, size], ScalarType.Byte), tensor(labels), [.. rows], dataset.Classes);
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
