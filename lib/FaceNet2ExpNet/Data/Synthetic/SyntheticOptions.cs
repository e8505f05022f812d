namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// Sizes of the synthetic corpora. <see cref="Default"/> is the embedded default every CPU profile loads (smoke, quick
/// and cpu read the same images, each scaled down to its own image size); <see cref="Paper"/> is the paper profile's
/// (256 px, a 2,000-identity face corpus); <see cref="Smoke"/> a tiny corpus for tests.
/// </summary>
public sealed record SyntheticOptions
{
    public int Seed { get; init; } = 2017;
    /// <summary>Side of the stored images (the paper stores 256 and crops 224); profiles load them at their image_size, never larger.</summary>
    public int ImageSize { get; init; } = 128;
    /// <summary>Face-recognition corpus: identities, images per identity (of which some held out for testing).</summary>
    public int Identities { get; init; } = 500;
    public int ImagesPerIdentity { get; init; } = 20;
    public int TestImagesPerIdentity { get; init; } = 4;
    /// <summary>Expression corpus: subjects and a scale on CK+'s 327 labelled sequences.</summary>
    public int Subjects { get; init; } = 118;
    public double SequenceScale { get; init; } = 1.0;
    public int Folds { get; init; } = 10;
    public int MinFrames { get; init; } = 10;
    public int MaxFrames { get; init; } = 30;

    /// <summary>A tiny corpus for tests (20 subjects, 152 CK+-like images at 40 px).</summary>
    public static SyntheticOptions Smoke { get; } = new()
    {
        ImageSize = 40, Identities = 60, ImagesPerIdentity = 8, TestImagesPerIdentity = 2, Subjects = 20, SequenceScale = 0.12,
    };
    /// <summary>The embedded default: 500 identities × 20 photos, 118 CK+-like subjects, 128 px (the cpu profile crops 96 of 112).</summary>
    public static SyntheticOptions Default { get; } = new();
    public static SyntheticOptions Paper { get; } = new() { ImageSize = 256, Identities = 2000, ImagesPerIdentity = 40, TestImagesPerIdentity = 5 };

    public SyntheticOptions Validated()
    {
        if (ImageSize < 16) throw new ArgumentException($"ImageSize {ImageSize} is too small (≥ 16).");
        if (Identities < 2 || ImagesPerIdentity <= TestImagesPerIdentity || TestImagesPerIdentity < 1)
            throw new ArgumentException("The face-recognition corpus needs ≥ 2 identities and more images per identity than test images (≥ 1).");
        if (Subjects < Folds) throw new ArgumentException($"{Subjects} subjects cannot fill {Folds} subject-independent folds.");
        if (MinFrames < 4 || MaxFrames < MinFrames) throw new ArgumentException("Sequences need MinFrames ≥ 4 and MaxFrames ≥ MinFrames.");
        if (SequenceScale <= 0) throw new ArgumentException("SequenceScale must be positive.");
        return this;
    }
}
