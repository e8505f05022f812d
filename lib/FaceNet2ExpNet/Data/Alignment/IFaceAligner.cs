namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// Turns a raw video frame into the normalised face crop the paper trains on (Sec. IV-A: detect the face, find the eyes,
/// rotate them level, scale to a fixed eye distance, crop, resize to 256×256). The aligner's <see cref="Name"/> is
/// recorded in dataset.json's "normalisation", so every prepared dataset says how its faces were normalised.
/// </summary>
public interface IFaceAligner
{
    /// <summary>Short description recorded in dataset.json, e.g. "centre-crop (no face detection)".</summary>
    string Name { get; }

    /// <summary>The aligned square face of side <paramref name="size"/>; throws <see cref="FaceNotFoundException"/> if there is none.</summary>
    ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size);

    /// <summary>Every face of <paramref name="frame"/>, aligned as <see cref="Align"/> aligns one, best first; empty when there is none.</summary>
    IReadOnlyList<AlignedFace> AlignAll(ImageDecoder.Rgb frame, int size);

    /// <summary>How many of the frames given to <see cref="Align"/> so far had a face, and which detector found it; null for an aligner that detects nothing.</summary>
    DetectionCounts? Detections => null;
}

/// <summary>No face could be found in a frame; the message names the file when the caller knows it.</summary>
public sealed class FaceNotFoundException(string message) : Exception(message);
