using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>Joining image sets with the same classes (e.g. SFEW's training images + FER2013's, Table VI).</summary>
public static class ImageSetConcat
{
    /// <summary>
    /// The images of <paramref name="first"/> then <paramref name="second"/>. Rows of <paramref name="second"/> come from
    /// another manifest, so they are stored as −1 − row (negative: not rows of the first dataset).
    /// </summary>
    public static ImageSet Concat(ImageSet first, ImageSet second)
    {
        if (!first.Classes.SequenceEqual(second.Classes, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Cannot join image sets with different classes: [{string.Join(", ", first.Classes)}] vs [{string.Join(", ", second.Classes)}].");
        if (first.Size != second.Size) throw new ArgumentException($"Cannot join {first.Size}px and {second.Size}px image sets.");
        return new ImageSet(cat([first.Images, second.Images]), cat([first.Labels, second.Labels]),
            [.. first.Rows, .. second.Rows.Select(r => -1 - r)], first.Classes);
    }
}
