using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using FaceNet2ExpNet.Data.Alignment;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>One output image: where its pixels come from, where it goes in the prepared dataset(s), and which ones.</summary>
/// <param name="Source">The source file (or file + row) named in errors.</param>
/// <param name="Load">Reads the source pixels (RGB; greyscale replicated).</param>
/// <param name="RelativePath">Path inside the prepared dataset, e.g. images/S005/001/S005_001_00000011.png.</param>
/// <param name="Writers">The datasets that hold this image (CK+ peak frames go into both the 8- and the 6-class set).</param>
public sealed record FaceImage(string Source, Func<ImageDecoder.Rgb> Load, string RelativePath, IReadOnlyList<PreparedDatasetWriter> Writers)
{
    /// <summary>A job that decodes an image file.</summary>
    public static FaceImage FromFile(string file, string relativePath, params PreparedDatasetWriter[] writers) =>
        new(file, () => ImageDecoder.Decode(file), relativePath, writers);
}

/// <summary>
/// Decodes, normalises (aligns or resizes) and PNG-encodes a dataset's images on all cores. A failure names the source
/// file; when several fail, the first in job order is reported, so the message does not depend on thread timing.
/// </summary>
public static class FaceImages
{
    /// <summary>Normalisation of datasets whose faces are already aligned by their authors (TFD, SFEW, FER2013): central square, resized.</summary>
    public static readonly IFaceAligner AsDistributed = new CentreCropAligner();

    public static void Write(IReadOnlyList<FaceImage> jobs, IFaceAligner aligner, int size, string dataset, IProgress<string>? progress)
    {
        var errors = new ConcurrentDictionary<int, Exception>();
        var done = 0;
        Parallel.For(0, jobs.Count, (i, loop) =>
        {
            if (!errors.IsEmpty) return;
            var job = jobs[i];
            try
            {
                var face = aligner.Align(job.Load(), size);
                var png = ImageEncoder.Png(face.Pixels, face.Width, face.Height);
                foreach (var writer in job.Writers) writer.WriteBytes(job.RelativePath, png);
            }
            catch (Exception e)
            {
                errors[i] = Named(e, job.Source);
                loop.Stop();
                return;
            }
            var n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 500 == 0 || n == jobs.Count)) progress.Report($"{dataset}: wrote {n}/{jobs.Count} images");
        });
        if (!errors.IsEmpty) ExceptionDispatchInfo.Throw(errors.MinBy(e => e.Key).Value);
    }

    /// <summary>The error with the source named in its message (decode errors already name it).</summary>
    private static Exception Named(Exception e, string source) => e switch
    {
        InvalidDataException or FileNotFoundException or DirectoryNotFoundException when e.Message.Contains(source) => e,
        FaceNotFoundException => new InvalidDataException($"{source}: no face found ({e.Message}).", e),
        _ => new InvalidDataException($"{source}: {e.Message}", e),
    };
}
