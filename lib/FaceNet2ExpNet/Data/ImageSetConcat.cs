using static TorchSharp.torch;

namespace FaceNet2ExpNet.Data;

/// <summary>Joining image sets: with the same classes (e.g. SFEW's training images + FER2013's, Table VI), or another set's faces as unlabelled images for stage 1.</summary>
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
        return Join(first, second, second.Labels);
    }

    /// <summary>
    /// The images of <paramref name="first"/> then those of <paramref name="unlabelled"/> with label −1 (no class; for
    /// stage 1, which uses none), whatever its classes; rows of <paramref name="unlabelled"/> as in <see cref="Concat"/>.
    /// </summary>
    public static ImageSet WithUnlabelled(ImageSet first, ImageSet unlabelled)
    {
        using var none = full_like(unlabelled.Labels, -1);
        return Join(first, unlabelled, none);
    }

    private static ImageSet Join(ImageSet first, ImageSet second, Tensor secondLabels)
    {
        if (first.Size != second.Size) throw new ArgumentException($"Cannot join {first.Size}px and {second.Size}px image sets.");
        return new ImageSet(cat([first.Images, second.Images]), cat([first.Labels, secondLabels]),
            [.. first.Rows, .. second.Rows.Select(r => -1 - r)], first.Classes);
    }
}
