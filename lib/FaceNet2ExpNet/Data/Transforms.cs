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
        using var scope = NewDisposeScope();
        var crops = new Tensor[n];
        for (var i = 0; i < n; i++)
        {
            var top = rng.Next(side - crop + 1);
            var left = rng.Next(side - crop + 1);
            var c = images[i].narrow(1, top, crop).narrow(2, left, crop);
            crops[i] = rng.Next(2) == 1 ? c.flip(2) : c;
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
