using System.CommandLine;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// `data-prep align raw/ aligned/`: normalises every image of a folder tree as the paper does (Sec. IV-A: detect, eyes
/// level at a fixed distance, crop, 256×256), writing PNGs at the same relative paths. Frames without a face are listed
/// in not-aligned.txt; alignment.txt records how the faces were normalised.
/// </summary>
public static class AlignCommand
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp"];

    public sealed record Result(int Aligned, int Skipped, IReadOnlyList<string> NoFace);

    public static Command Create()
    {
        var input = new Argument<DirectoryInfo>("input") { Description = "Folder tree of raw frames (png, jpg, bmp)" };
        var output = new Argument<DirectoryInfo>("output") { Description = "Folder for the aligned PNGs (same relative paths)" };
        var aligner = new Option<string>("--aligner") { Description = "face-api or centre-crop", DefaultValueFactory = _ => "face-api" };
        aligner.AcceptOnlyFromAmong([.. Aligners.Names]);
        var size = new Option<int>("--size") { Description = "Side of the aligned square in pixels", DefaultValueFactory = _ => 256 };
        var models = new Option<DirectoryInfo?>("--models") { Description = "Models folder (default: models/ above the working directory)" };
        var force = new Option<bool>("--force") { Description = "Re-align images whose output already exists" };
        var command = new Command("align", "Detect, align (eyes level, fixed eye distance), crop and resize every face image of a folder.")
            { input, output, aligner, size, models, force };
        command.SetAction(parse =>
        {
            var a = Aligners.Create(parse.GetValue(aligner)!, parse.GetValue(models)?.FullName);
            try
            {
                var r = Run(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName, a, parse.GetValue(size), parse.GetValue(force), Console.Out);
                Console.WriteLine($"[align] {r.Aligned} aligned, {r.Skipped} already there, {r.NoFace.Count} without a face");
            }
            finally { (a as IDisposable)?.Dispose(); }
            return 0;
        });
        return command;
    }

    public static Result Run(string input, string output, IFaceAligner aligner, int size, bool force, TextWriter log)
    {
        if (!Directory.Exists(input)) throw new DirectoryNotFoundException($"{input}: input folder not found.");
        if (size < 32) throw new ArgumentException($"--size {size} is too small (at least 32).");
        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(input, f)).Order(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "alignment.txt"), $"{aligner.Name}{Environment.NewLine}size {size}{Environment.NewLine}");
        var (aligned, skipped, noFace) = (0, 0, new List<string>());
        foreach (var rel in files)
        {
            var target = Path.Combine(output, Path.ChangeExtension(rel, ".png"));
            if (!force && File.Exists(target)) { skipped++; continue; }
            try
            {
                var face = aligner.Align(ImageDecoder.Decode(Path.Combine(input, rel)), size);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, ImageEncoder.Png(face.Pixels, face.Width, face.Height));
                aligned++;
            }
            catch (FaceNotFoundException e)
            {
                noFace.Add($"{rel}: {e.Message}");
                log.WriteLine($"[align] {rel}: no face found");
            }
        }
        File.WriteAllLines(Path.Combine(output, "not-aligned.txt"), noFace);
        return new Result(aligned, skipped, noFace);
    }
}
