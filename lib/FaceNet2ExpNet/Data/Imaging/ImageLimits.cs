namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>A guard against images whose header claims absurd sizes (a corrupt or crafted file would make us allocate gigabytes).</summary>
internal static class ImageLimits
{
    /// <summary>100 megapixels: far above any face photo (a 50 MP camera frame passes), far below what would exhaust memory.</summary>
    public const long MaxPixels = 100_000_000;

    public static void Check(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new InvalidDataException($"image size {width}×{height} is empty");
        if ((long)width * height > MaxPixels)
            throw new InvalidDataException($"image size {width}×{height} is over the {MaxPixels / 1_000_000} megapixel limit");
    }
}
