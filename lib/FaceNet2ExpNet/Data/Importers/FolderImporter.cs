using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>What `import folder` needs beyond the common options.</summary>
/// <param name="Name">The dataset's name (data/&lt;name&gt;); null: the name of the folder holding the class (or split) folders, lower-cased.</param>
/// <param name="Folds">k for k-fold trees (fewer when there are fewer subjects or images).</param>
/// <param name="Subjects">How subjects are read from file names; null with <paramref name="NoSubjects"/>.</param>
/// <param name="NoSubjects">Every image is its own subject; folds are made per image (round-robin within each class).</param>
/// <param name="FoldsGiven">The user asked for <paramref name="Folds"/> (then split folders, which ignore it, say so).</param>
public sealed record FolderOptions(string? Name = null, int Folds = 10, SubjectNames? Subjects = null, bool NoSubjects = false, bool FoldsGiven = false);

/// <summary>
/// A folder-per-class tree (torchvision's ImageFolder: Kaggle's CK+48 and FER2013 image folders, JAFFE sorted by
/// expression, a researcher's own set) → data/&lt;name&gt;. Split folders (train/, val/, test/) become one fixed split;
/// otherwise k subject-independent folds by ascending subject ID, as the paper's CK+ protocol. Images that cannot be
/// decoded (or, when aligning, show no face) are skipped, counted and listed; nothing usable is an error.
/// </summary>
public static partial class FolderImporter
{
    public static ImportResult Import(ImportOptions o, FolderOptions f)
    {
        var tree = ImageFolderTree.Scan(o.Source);
        var name = f.Name ?? DefaultName(tree.Root);
        if (!ValidName().IsMatch(name)) throw new ArgumentException($"--name {SafeText.Quote(name)}: use letters, digits, '.', '_', '+' or '-' (it names the folder data/<name>).");
        var subjects = f.NoSubjects ? null : f.Subjects ?? new SubjectNames();
        var targets = Targets(tree.Images);
        var subjectOf = SubjectsOf(tree.Images, subjects, targets);
        if (!tree.HasSplits && f.Folds < 2) throw new ArgumentException($"--folds {f.Folds}: k-fold needs at least 2 folds.");
        if (!tree.HasSplits && subjects is not null) RequireTwoSubjects(tree, tree.Images, subjectOf, subjects);   // before hours of decoding

        var extra = new Dictionary<string, JsonElement>
        {
            ["layout"] = Json(tree.HasSplits ? "ImageFolder with split folders" : "ImageFolder, one folder per class"),
            ["classFolders"] = Json(new SortedDictionary<string, string>(tree.ClassFolders.ToDictionary(), StringComparer.Ordinal)),
            ["subjects"] = Json(SubjectsDescription(subjects)),
        };
        var normalisation = FaceImages.Normalisation(o.Aligner, o.ImageSize);
        var info = new DatasetInfo
        {
            Name = name, Classes = tree.Classes, Protocol = tree.HasSplits ? Protocol.Splits : Protocol.KFold, Folds = tree.HasSplits ? 1 : f.Folds, ImageSize = o.ImageSize,
            Source = $"ImageFolder tree {tree.Root}", Normalisation = normalisation, Extra = extra,
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(o.DataRoot, name), info);
        var jobs = tree.Images.Select(i => FaceImage.FromFile(i.File, targets[i], writer)).ToList();
        var detections = o.Aligner.Detections;
        var skipped = FaceImages.Write(jobs, o.Aligner, o.ImageSize, name, o.Progress, skipUnusable: true);
        // Folds are cut from the images that made it, so a skipped file cannot leave a fold empty.
        var kept = tree.Images.Where((_, k) => !skipped.ContainsKey(k)).ToList();
        var (folds, foldOf, foldNote) = tree.HasSplits ? (1, (Dictionary<ImageFolderTree.Image, int>?)null, "one fixed split from the split folders")
                                                        : KFolds(tree, kept, subjectOf, f, subjects);
        extra["folds"] = Json(foldNote);
        writer.Info = info with { Folds = folds };
        foreach (var image in kept)
        {
            var fold = foldOf is null ? ManifestRow.RoleText(image.Role) : foldOf[image].ToString(CultureInfo.InvariantCulture);
            writer.AddRow(targets[image], image.Class, subjectOf[image], "", 0, fold);
        }
        RecordSkipped(extra, skipped, tree.Ignored);
        if (tree.EmptyFolders.Count > 0) extra["emptyClassFolders"] = Json(tree.EmptyFolders.Select(f => SafeText.Escape(f.Replace('\\', '/'))));
        var dataset = writer.Commit();

        var summary = new List<string>
        {
            $"{name}: {dataset.Rows.Count} images of {dataset.Rows.Select(r => r.Subject).Distinct().Count()} subjects in {tree.Classes.Count} classes from " +
            $"{tree.Root}; {foldNote}",
            "  class folders: " + string.Join(", ", tree.ClassFolders.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key == c.Value ? c.Key : $"{c.Key} → {c.Value}")),
        };
        if (tree.HasSplits)
            summary.Add("  " + string.Join(", ", new[] { SplitRole.Train, SplitRole.Valid, SplitRole.Test }
                .Select(r => $"{ManifestRow.RoleText(r)} {dataset.Rows.Count(x => x.Roles[0] == r)}")));
        summary.AddRange(ClassTable.Format(dataset.Classes, dataset.ClassCounts(), paper: null));
        if (FaceImages.DescribeDetections(o.Aligner, detections, skipped.Values) is { } found) summary.Add(found);
        summary.AddRange(FaceImages.Describe(skipped.Values));
        // Pointed one level too high or low (CK+'s cohn-kanade-images/ holds a folder per subject), every subject is a "class".
        if (!tree.Classes.Any(ExpressionNames.CkPlus8.Contains))
            summary.Add($"note: no class folder is named after an expression ({string.Join(", ", tree.Classes.Take(4).Select(c => SafeText.Escape(c)))}" +
                        $"{(tree.Classes.Count > 4 ? ", …" : "")}): check that {SafeText.Escape(tree.Root)} is the folder holding one folder per class.");
        if (tree.EmptyFolders.Count > 0)
            summary.Add($"note: {tree.EmptyFolders.Count} class folder(s) without images made no class: " +
                        string.Join(", ", tree.EmptyFolders.Take(6).Select(f => SafeText.Escape(f.Replace('\\', '/')) + "/")) + (tree.EmptyFolders.Count > 6 ? ", …" : ""));
        if (IgnoredNote(tree.Ignored) is { } ignoredNote) summary.Add(ignoredNote);
        if (tree.HasSplits && f.FoldsGiven)
            summary.Add($"note: --folds {f.Folds} is not used: the split folders (train/, val/, test/) make one fixed split.");
        if (subjects is not null && tree.HasSplits && dataset.Rows.Select(r => r.Subject).Distinct().Count() <= 3)
            summary.Add($"note: only {dataset.Rows.Select(r => r.Subject).Distinct().Count()} distinct subjects were read ({subjects.Description}); " +
                        "if the file names carry no subject IDs, re-run with --no-subjects.");
        return new ImportResult([dataset], summary);
    }

    /// <summary>Each image's subject read by <paramref name="subjects"/>; without subjects each image is its own, named by its stored path (unique, free of control characters).</summary>
    internal static Dictionary<ImageFolderTree.Image, string> SubjectsOf(IReadOnlyList<ImageFolderTree.Image> images, SubjectNames? subjects,
        Dictionary<ImageFolderTree.Image, string> targets) =>
        images.ToDictionary(i => i, i => subjects?.Of(i.File) ?? targets[i]["images/".Length..]);

    /// <summary>dataset.json's extra.subjects: how subjects were read.</summary>
    internal static string SubjectsDescription(SubjectNames? subjects) => subjects?.Description ?? "none (--no-subjects): every image is its own subject";

    /// <summary>dataset.json's extra.skipped (images not stored, with why) and extra.ignoredFiles (files that are not images).</summary>
    internal static void RecordSkipped(Dictionary<string, JsonElement> extra, SortedDictionary<int, SkippedImage> skipped, IEnumerable<string> ignored)
    {
        extra["skipped"] = Json(skipped.Values.Select(s => new Dictionary<string, string> { ["file"] = s.Source, ["reason"] = s.Reason }));
        extra["ignoredFiles"] = Json(ignored.Select(i => SafeText.Escape(i)));
    }

    /// <summary>The summary line counting the files that are not images, or null when there are none.</summary>
    internal static string? IgnoredNote(IReadOnlyList<string> ignored) => ignored.Count == 0 ? null
        : $"{ignored.Count} file(s) that are not images ignored (e.g. {string.Join(", ", ignored.Take(3).Select(i => SafeText.Escape(i)))})";

    /// <summary>k folds by ascending subject ID (natural order), or per image round-robin within each class; too few subjects is an error.</summary>
    private static (int, Dictionary<ImageFolderTree.Image, int>, string) KFolds(ImageFolderTree tree, List<ImageFolderTree.Image> images,
        Dictionary<ImageFolderTree.Image, string> subjectOf, FolderOptions f, SubjectNames? subjects)
    {
        if (subjects is null)
        {
            var k = Math.Min(f.Folds, images.Count);
            var ordered = images.OrderBy(i => tree.Classes.ToList().IndexOf(i.Class)).ThenBy(i => i.Relative, NaturalOrder.Comparer).ToList();
            return (k, ordered.Select((image, n) => (image, n % k)).ToDictionary(t => t.image, t => t.Item2),
                    $"{k} folds per image (--no-subjects; round-robin within each class): NOT subject-independent");
        }
        var distinct = RequireTwoSubjects(tree, images, subjectOf, subjects);
        var folds = Math.Min(f.Folds, distinct.Count);
        var byId = CkPlusProtocol.FoldsByAscendingId(distinct, folds, NaturalOrder.Comparer);
        var note = $"{folds} subject-independent folds by ascending subject ID ({distinct.Count} subjects" +
                   (folds < f.Folds ? $"; fewer than the {f.Folds} asked for, as there are only {distinct.Count} subjects)" : ")");
        return (folds, images.ToDictionary(i => i, i => byId[subjectOf[i]]), note);
    }

    private static List<string> RequireTwoSubjects(ImageFolderTree tree, IReadOnlyList<ImageFolderTree.Image> images,
        Dictionary<ImageFolderTree.Image, string> subjectOf, SubjectNames subjects)
    {
        var distinct = images.Select(i => subjectOf[i]).Distinct().Order(NaturalOrder.Comparer).ToList();
        if (distinct.Count < 2)
            throw new InvalidDataException($"{tree.Root}: all {images.Count} usable images have the subject {SafeText.Quote(distinct[0])} ({subjects.Description}); " +
                                           "subject-independent folds need at least 2 subjects. Give --subject-regex with a group (?<subject>…), or --no-subjects.");
        return distinct;
    }

    /// <summary>
    /// images/&lt;relative path&gt;.png; files that would collide (a.jpg, a.png) keep their extension (a.jpg.png); control
    /// characters in names become '_' (<see cref="SafeText.ForPath"/>), with a number added if that makes two names one.
    /// </summary>
    internal static Dictionary<ImageFolderTree.Image, string> Targets(IReadOnlyList<ImageFolderTree.Image> images)
    {
        string Plain(ImageFolderTree.Image i) => "images/" + SafeText.ForPath(Path.ChangeExtension(i.Relative, ".png").Replace('\\', '/'));
        var clash = images.GroupBy(Plain, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        var targets = new Dictionary<ImageFolderTree.Image, string>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in images)
        {
            var target = clash.Contains(i) ? "images/" + SafeText.ForPath(i.Relative.Replace('\\', '/')) + ".png" : Plain(i);
            for (var n = 2; !taken.Add(target); n++) target = $"{Path.ChangeExtension(target, null)}~{n}.png";
            targets[i] = target;
        }
        return targets;
    }

    /// <summary>The source folder's name made safe for data/&lt;name&gt;: lower case, other characters → '-' ("CK+48" → "ck+48").</summary>
    public static string DefaultName(string source)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(source))).ToLowerInvariant();
        name = Unsafe().Replace(name, "-").Trim('-', '.');
        return name.Length == 0 ? "folder" : name;
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);

    [GeneratedRegex(@"^[A-Za-z0-9_+\-][A-Za-z0-9._+\-]*$")]
    internal static partial Regex ValidName();

    [GeneratedRegex(@"[^a-z0-9._+\-]+")]
    private static partial Regex Unsafe();
}
