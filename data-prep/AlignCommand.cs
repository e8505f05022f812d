using System.CommandLine;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Imaging;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// `data-prep align raw/ aligned/`: normalises every image of a folder tree as the paper does (Sec. IV-A: detect, eyes
/// level at a fixed distance, crop, 256×256), writing PNGs at the same relative paths. Images are found by content or
/// extension and turned upright by their EXIF orientation first. Images without a face or that cannot be decoded are
/// listed in not-aligned.txt (and counted on the console); nothing usable at all is an error. alignment.txt records
/// the settings; re-running on an output made with other settings is refused unless --force re-aligns everything.
/// </summary>
public static class AlignCommand
{
    /// <param name="Detections">How many of the images aligned now the aligner's detector(s) found a face in; null for an aligner that detects nothing.</param>
    public sealed record Result(int Aligned, int Skipped, IReadOnlyList<string> NoFace, IReadOnlyList<string> Undecodable, DetectionCounts? Detections = null);

    public static Command Create()
    {
        var input = new Argument<DirectoryInfo>("input") { Description = "Folder tree of raw images (PNG, JPEG, GIF, BMP, TIFF, WebP)" };
        var output = new Argument<DirectoryInfo>("output") { Description = "Folder for the aligned PNGs (same relative paths)" };
        var aligner = AlignerOption.Create();
        var size = new Option<int>("--size") { Description = "Side of the aligned square in pixels", DefaultValueFactory = _ => 256 };
        var models = new Option<DirectoryInfo?>("--models") { Description = "Models folder (default: models/ above the working directory)" };
        var force = new Option<bool>("--force") { Description = "Re-align every image, also those already aligned (needed when the settings changed)" };
        var command = new Command("align", "Detect, align (eyes level, fixed eye distance), crop and resize every face image of a folder.")
            { input, output, aligner, size, models, force };
        command.SetAction(parse =>
        {
            var a = Aligners.Parse(parse.GetValue(aligner)!, parse.GetValue(models)?.FullName);
            try
            {
                var r = Run(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName, a, parse.GetValue(size), parse.GetValue(force), Console.Out);
                Console.WriteLine($"[align] {r.Aligned} aligned, {r.Skipped} already there, {r.NoFace.Count} without a face, " +
                                  $"{r.Undecodable.Count} could not be decoded{(r.NoFace.Count + r.Undecodable.Count > 0 ? " (listed in not-aligned.txt)" : "")}");
                if (r.Detections is { Frames: > 0 } d) Console.WriteLine($"[align] {d.Describe(r.NoFace.Select(n => n.Split(": ")[0]).ToList())}");
            }
            finally { (a as IDisposable)?.Dispose(); }
            return 0;
        });
        return command;
    }

    public static Result Run(string input, string output, IFaceAligner aligner, int size, bool force, TextWriter log)
    {
        SourceTree.RequireFolder(input, "the folder of images to align");
        if (size < 32) throw new ArgumentException($"--size {size} is too small (at least 32).");
        var files = ImageFiles(input, output);
        if (files.Count == 0)
            throw new InvalidDataException($"{input}: no image files in it or below ({SourceTree.Listing(input)}).{SourceTree.ArchivesNote(input)}");

        var settings = $"{aligner.Name}{Environment.NewLine}size {size}{Environment.NewLine}";
        var record = Path.Combine(output, "alignment.txt");
        var targets = Targets(files);
        // Only faces already there can be mixed with new ones: an output whose earlier run aligned nothing is simply reused.
        if (File.Exists(record) && !force && File.ReadAllText(record).ReplaceLineEndings() is var old && old != settings.ReplaceLineEndings()
            && targets.Values.Any(t => File.Exists(Path.Combine(output, t))))
            throw new InvalidDataException(
                $"{output}: holds faces aligned with other settings ({SafeText.Quote(OneLine(old), 200)}; now {SafeText.Quote(OneLine(settings), 200)}). " +
                "Re-run with --force to re-align every image with the new settings, or choose another output folder.");
        Directory.CreateDirectory(output);
        File.WriteAllText(record, settings);

        var (aligned, skipped, noFace, undecodable) = (0, 0, new List<string>(), new List<string>());
        var detections = aligner.Detections;
        foreach (var rel in files)
        {
            var target = Path.Combine(output, targets[rel]);
            if (!force && File.Exists(target)) { skipped++; continue; }
            try
            {
                var face = aligner.Align(ImageDecoder.Decode(Path.Combine(input, rel)), size);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, ImageEncoder.Png(face.Pixels, face.Width, face.Height));
                aligned++;
                continue;
            }
            catch (FaceNotFoundException e)
            {
                noFace.Add($"{SafeText.Escape(rel)}: no face found: {e.Message}");
                log.WriteLine($"[align] {SafeText.Escape(rel)}: no face found");
            }
            catch (InvalidDataException e)
            {
                var reason = SafeText.Escape(FaceImages.Reason(e, Path.Combine(input, rel)));
                undecodable.Add($"{SafeText.Escape(rel)}: {reason}");
                log.WriteLine($"[align] {SafeText.Escape(rel)}: {reason}");
            }
            if (File.Exists(target)) File.Delete(target);   // an output of earlier settings must not stand in for this image
        }
        File.WriteAllLines(Path.Combine(output, "not-aligned.txt"), [.. undecodable, .. noFace]);
        if (aligned + skipped == 0)
            throw new InvalidDataException($"{input}: nothing usable: none of its {files.Count} image files could be aligned ({undecodable.Count} could not be " +
                                           $"decoded, {noFace.Count} without a face; listed in {Path.Combine(output, "not-aligned.txt")}).");
        return new Result(aligned, skipped, noFace, undecodable, aligner.Detections?.Since(detections));
    }

    /// <summary>Image files below <paramref name="input"/> (relative paths, ordinal order), skipping litter and the output folder if it lies inside.</summary>
    private static List<string> ImageFiles(string input, string output)
    {
        var outputFull = Path.GetFullPath(output) + Path.DirectorySeparatorChar;
        return [.. Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFullPath(f).StartsWith(outputFull, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(input, f))
            .Where(rel => !rel.Split(Path.DirectorySeparatorChar).Any(SourceTree.IsLitter) && SourceTree.IsImage(Path.Combine(input, rel)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Output path of each file: the same path as .png; two files that would collide (a.jpg, a.png) keep their extension (a.jpg.png).</summary>
    private static Dictionary<string, string> Targets(List<string> files)
    {
        var plain = files.ToDictionary(f => f, f => Path.ChangeExtension(f, ".png"));
        var clashing = plain.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g.Select(p => p.Key)).ToHashSet();
        return files.ToDictionary(f => f, f => clashing.Contains(f) ? f + ".png" : plain[f]);
    }

    private static string OneLine(string text) => string.Join("; ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
