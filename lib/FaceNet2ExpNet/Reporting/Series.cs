namespace FaceNet2ExpNet.Reporting;

/// <summary>A named series of values, one per category or epoch; <paramref name="Colour"/> as "#rrggbb" or null for the palette's.</summary>
public sealed record Series(string Name, IReadOnlyList<double> Values, string? Colour = null);
