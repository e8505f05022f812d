using static TorchSharp.torch;
using TorchSharp;

namespace FaceNet2ExpNet.Data;

/// <summary>Per-channel normalisation of 0–255 images: (x/255 − mean) / std.</summary>
public sealed record Normalization(float[] Mean, float[] Std)
{
    /// <summary>Default for nets trained here: centred, unit-ish scale.</summary>
    public static Normalization Standard { get; } = new([0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);

    public Tensor Apply(Tensor bytes)
    {
        using var scope = NewDisposeScope();
        var mean = tensor(Mean).reshape(1, 3, 1, 1).to(bytes.device);
        var std = tensor(Std).reshape(1, 3, 1, 1).to(bytes.device);
        return ((bytes.to_type(ScalarType.Float32) / 255f - mean) / std).MoveToOuterDisposeScope();
    }
}

/// <summary>One training view of an image: the crop's top-left corner and whether it is flipped left-right.</summary>
public readonly record struct View(int Top, int Left, bool Flip);

/// <summary>
/// The paper's augmentation (Sec. IV-A): random crops + horizontal flips for training, the single centre crop for testing
/// (224 from 256 in the paper; profiles scale both).
/// </summary>
public static class Transforms
{
    /// <summary>A random <paramref name="crop"/>² window of each image, flipped left-right with probability ½.</summary>
    public static Tensor RandomCropFlip(Tensor images, int crop, Random rng)
    {
        var (n, side) = ((int)images.shape[0], (int)images.shape[2]);
        CheckCrop(side, crop);
        return Views(images, Enumerable.Range(0, n).Select(_ => RandomView(side, crop, rng)).ToList(), crop);
    }

    /// <summary>One random crop position and flip for a <paramref name="side"/>² image (drawn in this order: top, left, flip).</summary>
    public static View RandomView(int side, int crop, Random rng)
    {
        var top = rng.Next(side - crop + 1);
        var left = rng.Next(side - crop + 1);
        return new View(top, left, rng.Next(2) == 1);
    }

    /// <summary>Image i's <paramref name="crop"/>² window at views[i], flipped left-right where it says so.</summary>
    public static Tensor Views(Tensor images, IReadOnlyList<View> views, int crop)
    {
        CheckCrop((int)images.shape[2], crop);
        using var scope = NewDisposeScope();
        var crops = new Tensor[views.Count];
        for (var i = 0; i < views.Count; i++)
        {
            var c = images[i].narrow(1, views[i].Top, crop).narrow(2, views[i].Left, crop);
            crops[i] = views[i].Flip ? c.flip(2) : c;
        }
        return stack(crops).MoveToOuterDisposeScope();
    }

    /// <summary>The single centre crop used for testing.</summary>
    public static Tensor CenterCrop(Tensor images, int crop)
    {
        var side = (int)images.shape[2];
        CheckCrop(side, crop);
        var offset = (side - crop) / 2;
        return images.narrow(2, offset, crop).narrow(3, offset, crop);
    }

    private static void CheckCrop(int side, int crop)
    {
        if (crop > side) throw new ArgumentException($"Crop {crop} is larger than the images ({side}×{side}).");
    }
}
