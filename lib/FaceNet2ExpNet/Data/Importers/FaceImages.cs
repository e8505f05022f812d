using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Imaging;

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

/// <summary>An image left out of a dataset, and why ("could not be decoded as an image (truncated JPEG …)", "no face found …").</summary>
public sealed record SkippedImage(string Source, string Reason);

/// <summary>
/// Decodes, normalises (aligns or resizes) and PNG-encodes a dataset's images on all cores. A failure names the source
/// file; when several fail, the first in job order is reported, so the message does not depend on thread timing.
/// Importers of independent images (folder, SFEW) may instead skip files that do not decode or show no face: they are
/// returned, in job order, to be counted and listed.
/// </summary>
public static class FaceImages
{
    /// <summary>Normalisation of datasets whose faces are already aligned by their authors (TFD, SFEW, FER2013): central square, resized.</summary>
    public static readonly IFaceAligner AsDistributed = new CentreCropAligner();

    /// <summary>dataset.json's "normalisation" for images stored by <paramref name="aligner"/> at <paramref name="size"/> px.</summary>
    public static string Normalisation(IFaceAligner aligner, int size) => ReferenceEquals(aligner, AsDistributed)
        ? $"as distributed: central square resized to {size}×{size} (no face detection)" : aligner.Name;

    /// <summary>Writes every job; the first failure is an error.</summary>
    public static void Write(IReadOnlyList<FaceImage> jobs, IFaceAligner aligner, int size, string dataset, IProgress<string>? progress) =>
        Write(jobs, aligner, size, dataset, progress, skipUnusable: false);

    /// <summary>
    /// Writes every job; with <paramref name="skipUnusable"/>, an undecodable image or one without a face is skipped and
    /// returned (job index → why), any other failure still stops the import.
    /// </summary>
    public static SortedDictionary<int, SkippedImage> Write(IReadOnlyList<FaceImage> jobs, IFaceAligner aligner, int size, string dataset,
        IProgress<string>? progress, bool skipUnusable)
    {
        var errors = new ConcurrentDictionary<int, Exception>();
        var skipped = new ConcurrentDictionary<int, SkippedImage>();
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
            catch (Exception e) when (skipUnusable && e is InvalidDataException or FaceNotFoundException)
            {
                skipped[i] = new SkippedImage(job.Source, Reason(e, job.Source));
                return;
            }
            catch (Exception e)
            {
                errors[i] = Named(e, job.Source);
                loop.Stop();
                return;
            }
            var n = Interlocked.Increment(ref done);
            if (progress is not null && n % 500 == 0 && n < jobs.Count) progress.Report($"{dataset}: wrote {n}/{jobs.Count} images");
        });
        if (!errors.IsEmpty) ExceptionDispatchInfo.Throw(errors.MinBy(e => e.Key).Value);
        progress?.Report(skipped.IsEmpty ? $"{dataset}: wrote {done}/{jobs.Count} images" : $"{dataset}: wrote {done} of {jobs.Count} images, {skipped.Count} skipped");
        if (jobs.Count > 0 && skipped.Count == jobs.Count)
            throw new InvalidDataException($"{dataset}: nothing usable: none of the {jobs.Count} images could be used " +
                                           $"(first: {skipped[0].Source}: {skipped[0].Reason}).");
        return new SortedDictionary<int, SkippedImage>(skipped);
    }

    /// <summary>"3 images skipped (2 could not be decoded, 1 without a face):" and one line per image (the first <paramref name="max"/>).</summary>
    public static List<string> Describe(IReadOnlyCollection<SkippedImage> skipped, int max = 20)
    {
        if (skipped.Count == 0) return [];
        var noFace = skipped.Count(s => s.Reason.StartsWith("no face", StringComparison.Ordinal));
        var lines = new List<string> { $"{skipped.Count} image file(s) skipped ({skipped.Count - noFace} could not be decoded, {noFace} without a face):" };
        lines.AddRange(skipped.Take(max).Select(s => $"  {SafeText.Escape(s.Source)}: {SafeText.Escape(s.Reason)}"));
        if (skipped.Count > max) lines.Add($"  … and {skipped.Count - max} more (all listed in dataset.json under \"skipped\")");
        return lines;
    }

    /// <summary>
    /// The summary line saying how many images the aligner's detector found a face in (and its fallback rescued), naming
    /// the first images without one by file name: the aligner's counts since <paramref name="before"/> (its
    /// <see cref="IFaceAligner.Detections"/> before the import). Null for an aligner that detects nothing or aligned nothing.
    /// </summary>
    public static string? DescribeDetections(IFaceAligner aligner, DetectionCounts? before, IEnumerable<SkippedImage> skipped)
    {
        var counts = aligner.Detections?.Since(before);
        if (counts is null || counts.Frames == 0) return null;
        var withoutFace = skipped.Where(s => s.Reason.StartsWith("no face", StringComparison.Ordinal)).Select(s => Path.GetFileName(s.Source)).ToList();
        return "  " + counts.Describe(withoutFace);
    }

    /// <summary>Why <paramref name="source"/> could not be used: the message without the file name it starts with (as given or escaped).</summary>
    public static string Reason(Exception e, string source)
    {
        var message = e.Message;
        foreach (var name in new[] { source, SafeText.Escape(source) })
            if (message.StartsWith(name + ":", StringComparison.Ordinal)) { message = message[(name.Length + 1)..].TrimStart(); break; }
        return e is FaceNotFoundException ? $"no face found ({message.TrimEnd('.')})" : message.TrimEnd('.');
    }

    /// <summary>The error with the source named in its message (decode errors already name it).</summary>
    private static Exception Named(Exception e, string source) => e switch
    {
        InvalidDataException or FileNotFoundException or DirectoryNotFoundException when e.Message.Contains(source) => e,
        FaceNotFoundException => new InvalidDataException($"{source}: no face found ({e.Message}).", e),
        _ => new InvalidDataException($"{source}: {e.Message}", e),
    };
}
