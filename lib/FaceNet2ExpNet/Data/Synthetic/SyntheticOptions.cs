namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>Sizes of the two synthetic corpora. Presets match the profiles: smoke (CI), quick (default), paper.</summary>
public sealed record SyntheticOptions
{
    public int Seed { get; init; } = 2017;
    /// <summary>Side of the stored images (the paper stores 256 and crops 224).</summary>
    public int ImageSize { get; init; } = 72;
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

    public static SyntheticOptions Smoke { get; } = new()
    {
        ImageSize = 40, Identities = 60, ImagesPerIdentity = 8, TestImagesPerIdentity = 2, Subjects = 20, SequenceScale = 0.12,
    };
    public static SyntheticOptions Quick { get; } = new();
    public static SyntheticOptions Paper { get; } = new() { ImageSize = 256, Identities = 2000, ImagesPerIdentity = 40, TestImagesPerIdentity = 5 };

    public static SyntheticOptions ForProfile(string profile) => profile.ToLowerInvariant() switch
    {
        "smoke" => Smoke, "quick" => Quick, "paper" => Paper,
        _ => throw new ArgumentException($"Unknown profile '{profile}'; use smoke, quick or paper."),
    };

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
