using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// An aligner made when first used: face-api loads its nets (and needs them installed) only if an import aligns
/// anything — Oulu-CASIA's own crops, for one, are stored as distributed and never ask for it.
/// </summary>
public sealed class LazyAligner(Func<IFaceAligner> create) : IFaceAligner, IDisposable
{
    private readonly Lazy<IFaceAligner> aligner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Name => aligner.Value.Name;

    public ImageDecoder.Rgb Align(ImageDecoder.Rgb frame, int size) => aligner.Value.Align(frame, size);

    public IReadOnlyList<AlignedFace> AlignAll(ImageDecoder.Rgb frame, int size) => aligner.Value.AlignAll(frame, size);

    /// <summary>The made aligner's counts; null until it is made (it has aligned nothing) or if it detects nothing.</summary>
    public DetectionCounts? Detections => aligner.IsValueCreated ? aligner.Value.Detections : null;

    public void Dispose()
    {
        if (aligner.IsValueCreated) (aligner.Value as IDisposable)?.Dispose();
    }
}
