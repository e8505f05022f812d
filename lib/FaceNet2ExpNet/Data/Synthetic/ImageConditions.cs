using SkiaSharp;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>Per-image nuisance: head pose, framing, lighting, background and sensor noise.</summary>
public sealed record ImageConditions
{
    /// <summary>In-plane head rotation, degrees.</summary>
    public double Roll { get; init; }
    /// <summary>Head turn, −1 (left) … 1 (right): features shift and one side narrows.</summary>
    public double Yaw { get; init; }
    public double Scale { get; init; } = 1;
    public double ShiftX { get; init; }
    public double ShiftY { get; init; }
    /// <summary>Overall exposure (1 = as drawn).</summary>
    public double Brightness { get; init; } = 1;
    /// <summary>Strength (0…0.5) and direction (radians) of a side light.</summary>
    public double LightStrength { get; init; }
    public double LightAngle { get; init; }
    public SKColor Background { get; init; } = new(128, 128, 128);
    public SKColor Background2 { get; init; } = new(128, 128, 128);
    /// <summary>Standard deviation of per-pixel noise, in grey levels.</summary>
    public double Noise { get; init; }
    /// <summary>Seed of this image's noise pattern.</summary>
    public int NoiseSeed { get; init; }

    /// <summary>Aligned lab recording (CK+-like): the face normalised by preprocessing, the subject's own backdrop.</summary>
    public static ImageConditions Lab(FaceIdentity who, Random rng) => new()
    {
        Roll = Normal(rng) * 2, Yaw = Normal(rng) * 0.06, Scale = 1 + Normal(rng) * 0.02,
        ShiftX = Normal(rng) * 2, ShiftY = Normal(rng) * 2,
        Brightness = 1 + Normal(rng) * 0.04, LightStrength = 0.1 * rng.NextDouble(), LightAngle = rng.NextDouble() * 2 * Math.PI,
        Background = who.Backdrop, Background2 = who.Backdrop2, Noise = 3, NoiseSeed = rng.Next(),
    };

    /// <summary>Face-recognition photos: free pose, framing, light and background.</summary>
    public static ImageConditions Wild(Random rng) => new()
    {
        Roll = Normal(rng) * 7, Yaw = Math.Clamp(Normal(rng) * 0.35, -0.8, 0.8), Scale = 1 + Normal(rng) * 0.07,
        ShiftX = Normal(rng) * 7, ShiftY = Normal(rng) * 7,
        Brightness = Math.Clamp(1 + Normal(rng) * 0.15, 0.6, 1.4), LightStrength = 0.4 * rng.NextDouble(), LightAngle = rng.NextDouble() * 2 * Math.PI,
        Background = new SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256)),
        Background2 = new SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256)),
        Noise = 2 + 6 * rng.NextDouble(), NoiseSeed = rng.Next(),
    };

    /// <summary>Small frame-to-frame change within one recorded sequence (head motion, flicker).</summary>
    public ImageConditions NextFrame(Random rng) => this with
    {
        Roll = Roll + Normal(rng) * 0.5, ShiftX = ShiftX + Normal(rng) * 0.6, ShiftY = ShiftY + Normal(rng) * 0.6,
        Brightness = Brightness + Normal(rng) * 0.01, NoiseSeed = rng.Next(),
    };

    internal static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
