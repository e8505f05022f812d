using SkiaSharp;

namespace FaceNet2ExpNet.Data.Synthetic;

public enum HairStyle { Short, Long, Bald, Fringe, Curly }

/// <summary>
/// Everything that makes a synthetic person recognisable, in the renderer's 256×256 canonical frame: face shape, skin
/// tone, hair, feature sizes and spacing, accessories, clothing. These traits cover most of the face's pixels, so
/// identity dominates pixel variance — the nuisance the paper's method has to see past.
/// </summary>
public sealed record FaceIdentity
{
    public double FaceHalfWidth { get; init; }
    public double FaceHalfHeight { get; init; }
    /// <summary>Jaw width as a fraction of the cheek width (0.6 pointed … 0.95 square).</summary>
    public double Jaw { get; init; }
    public SKColor Skin { get; init; }
    public SKColor Hair { get; init; }
    public HairStyle HairStyle { get; init; }
    /// <summary>Hairline height above the face centre.</summary>
    public double Hairline { get; init; }
    public double EyeY { get; init; }
    public double EyeSpacing { get; init; }
    public double EyeHalfWidth { get; init; }
    public double EyeOpen { get; init; }
    public SKColor Iris { get; init; }
    public double BrowGap { get; init; }
    public double BrowThickness { get; init; }
    public double BrowLength { get; init; }
    public double NoseLength { get; init; }
    public double NoseWidth { get; init; }
    public double MouthY { get; init; }
    public double MouthHalfWidth { get; init; }
    public double LipThickness { get; init; }
    public SKColor Lips { get; init; }
    public double EarSize { get; init; }
    public bool Glasses { get; init; }
    public SKColor GlassesColor { get; init; }
    public bool Beard { get; init; }
    public bool Moustache { get; init; }
    public SKColor Shirt { get; init; }
    /// <summary>Backdrop colours of this person's sessions (CK+-like lab recordings keep one background per subject).</summary>
    public SKColor Backdrop { get; init; }
    public SKColor Backdrop2 { get; init; }

    public static FaceIdentity Sample(Random rng)
    {
        double U(double a, double b) => a + (b - a) * rng.NextDouble();
        var tone = rng.NextDouble();   // 0 = deep brown … 1 = pale
        var skin = Mix(new SKColor(92, 58, 40), new SKColor(246, 214, 190), tone);
        skin = Jitter(skin, rng, 14);
        SKColor[] hairs = [new(20, 18, 18), new(60, 40, 28), new(112, 78, 44), new(196, 160, 96), new(150, 70, 36), new(150, 150, 150), new(226, 222, 214)];
        var hair = Jitter(hairs[rng.Next(hairs.Length)], rng, 12);
        SKColor[] irises = [new(70, 45, 30), new(40, 30, 25), new(70, 110, 160), new(80, 120, 80), new(110, 90, 60)];
        var male = rng.NextDouble() < 0.5;
        return new FaceIdentity
        {
            FaceHalfWidth = U(64, 82), FaceHalfHeight = U(84, 100), Jaw = U(0.6, 0.95),
            Skin = skin, Hair = hair, HairStyle = (HairStyle)rng.Next(5), Hairline = U(48, 72),
            EyeY = U(-18, -4), EyeSpacing = U(26, 36), EyeHalfWidth = U(11, 16), EyeOpen = U(5, 8.5), Iris = Jitter(irises[rng.Next(irises.Length)], rng, 10),
            BrowGap = U(13, 21), BrowThickness = U(3, 8), BrowLength = U(22, 32),
            NoseLength = U(24, 38), NoseWidth = U(10, 17),
            MouthY = U(40, 56), MouthHalfWidth = U(17, 27), LipThickness = U(3, 8),
            Lips = Jitter(Mix(skin, new SKColor(170, 60, 70), U(0.3, 0.6)), rng, 10),
            EarSize = U(12, 20),
            Glasses = rng.NextDouble() < 0.25, GlassesColor = Jitter(rng.NextDouble() < 0.5 ? new SKColor(30, 30, 30) : new SKColor(140, 100, 60), rng, 20),
            Beard = male && rng.NextDouble() < 0.3, Moustache = male && rng.NextDouble() < 0.35,
            Shirt = new SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256)),
            Backdrop = new SKColor((byte)rng.Next(30, 230), (byte)rng.Next(30, 230), (byte)rng.Next(30, 230)),
            Backdrop2 = new SKColor((byte)rng.Next(30, 230), (byte)rng.Next(30, 230), (byte)rng.Next(30, 230)),
        };
    }

    internal static SKColor Mix(SKColor a, SKColor b, double t) => new(
        (byte)Math.Round(a.Red + (b.Red - a.Red) * t), (byte)Math.Round(a.Green + (b.Green - a.Green) * t), (byte)Math.Round(a.Blue + (b.Blue - a.Blue) * t));

    internal static SKColor Jitter(SKColor c, Random rng, int amount) => new(
        (byte)Math.Clamp(c.Red + rng.Next(-amount, amount + 1), 0, 255),
        (byte)Math.Clamp(c.Green + rng.Next(-amount, amount + 1), 0, 255),
        (byte)Math.Clamp(c.Blue + rng.Next(-amount, amount + 1), 0, 255));
}
