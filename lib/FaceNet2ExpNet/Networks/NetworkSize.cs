namespace FaceNet2ExpNet.Networks;

/// <summary>
/// Input size and channel-width multiplier shared by ExpNet and the face nets. The paper uses 224 and 1.0; the smoke
/// and quick profiles shrink both (a profile changes sizes, never the architecture's shape).
/// </summary>
public sealed record NetworkSize(int InputSize = 224, double Width = 1.0)
{
    /// <summary>The paper's setting: 224×224 crops, full width.</summary>
    public static NetworkSize Paper { get; } = new();

    /// <summary>A layer's channel count at this width (the paper's count × Width, at least 1).</summary>
    public int Channels(int paperChannels) => Math.Max(1, (int)Math.Round(paperChannels * Width));

    /// <summary>Validates the values, so a bad profile fails before a network is half-built.</summary>
    public NetworkSize Validated()
    {
        if (InputSize < 32) throw new ArgumentException($"InputSize {InputSize} is too small: five stride-2 poolings need at least 32 pixels.");
        if (Width <= 0 || double.IsNaN(Width)) throw new ArgumentException($"Width {Width} must be a positive multiplier (1.0 = the paper's channels).");
        return this;
    }
}

/// <summary>Shape of one image's feature map, channels × height × width (e.g. VGG-16 pool5: 512×7×7).</summary>
public readonly record struct FeatureShape(int Channels, int Height, int Width)
{
    public long Count => (long)Channels * Height * Width;
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
