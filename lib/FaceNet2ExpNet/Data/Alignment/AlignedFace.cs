namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>Where a face is in the original image, in pixels (x, y of the top-left corner; width, height).</summary>
public readonly record struct FaceRegion(double X, double Y, double Width, double Height);

/// <summary>One face of an image: where it is, and its aligned square crop (what a prepared dataset stores).</summary>
/// <param name="Score">The detector's confidence (0–1), or null for an aligner that detects nothing (centre crop).</param>
public sealed record AlignedFace(FaceRegion Box, ImageDecoder.Rgb Face, double? Score);
