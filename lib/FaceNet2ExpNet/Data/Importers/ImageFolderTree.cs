using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// A torchvision ImageFolder tree: one folder per class (images anywhere below it), either directly under the root
/// (→ k folds) or under top-level split folders train/ (training), val/ valid/ validation/ and test/ (testing), which
/// become fixed splits (val is the test part when there is no test/). Class folder names map to the project's class
/// names (angry → anger, happiness → happy, …); other names are kept as they are. A root holding nothing but one
/// folder (an archive's own top folder) is looked into.
/// </summary>
/// <param name="ClassFolders">Each class folder's name → the class it became (folders that hold images).</param>
/// <param name="EmptyFolders">Class folders without a single image file (relative to the root): they make no class.</param>
/// <param name="Ignored">Files that are not images (relative to the root).</param>
public sealed record ImageFolderTree(string Root, bool HasSplits, IReadOnlyList<ImageFolderTree.Image> Images,
    IReadOnlyList<string> Classes, IReadOnlyDictionary<string, string> ClassFolders, IReadOnlyList<string> EmptyFolders, IReadOnlyList<string> Ignored)
{
    public const string Layout = "one folder per class (happy/, sad/, …), or train/, val/ and test/ folders each holding one folder per class";

    /// <summary>One image: its file, its path relative to the root, the split role (Unused in k-fold trees), the class folder and class.</summary>
    public sealed record Image(string File, string Relative, SplitRole Role, string Folder, string Class);

    private static readonly Dictionary<string, SplitRole> SplitNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["train"] = SplitRole.Train, ["training"] = SplitRole.Train,
        ["val"] = SplitRole.Valid, ["valid"] = SplitRole.Valid, ["validation"] = SplitRole.Valid,
        ["test"] = SplitRole.Test, ["testing"] = SplitRole.Test,
    };

    public static ImageFolderTree Scan(string source)
    {
        var root = SourceTree.RequireFolder(source, $"the ImageFolder root ({Layout})");
        for (var depth = 0; depth < 2 && SourceTree.Folders(root) is [var only] && !Directory.EnumerateFiles(root).Any(f => SourceTree.IsImage(f))
                            && !SplitNames.ContainsKey(Path.GetFileName(only)) && SourceTree.Folders(only).Length > 0
                            && ExpressionNames.FromFolder(Path.GetFileName(only)) is null; depth++)
            root = only;   // archive/CK+48/anger/… → archive/CK+48

        var folders = SourceTree.Folders(root);
        var splits = folders.Where(f => SplitNames.ContainsKey(Path.GetFileName(f))).ToList();
        var ignored = Directory.EnumerateFiles(root).Where(f => !SourceTree.IsLitter(f)).Select(f => Path.GetRelativePath(root, f)).ToList();
        var images = new List<Image>();
        var classFolders = new Dictionary<string, string>(StringComparer.Ordinal);
        var empty = new List<string>();
        if (splits.Count == 0)
        {
            if (folders.Length == 0)
            {
                var loose = Directory.EnumerateFiles(root).Any(SourceTree.IsImage) ? " Sort the images into one folder per class first." : "";
                throw new InvalidDataException($"{root}: no class folders in it; import folder needs {Layout}. Found {SourceTree.Listing(root)}.{loose}{SourceTree.ArchivesNote(root)}");
            }
            images.AddRange(ClassImages(root, root, SplitRole.Unused, classFolders, empty, ignored));
        }
        else
        {
            if (folders.Except(splits).ToList() is { Count: > 0 } others)
                throw new InvalidDataException($"{root}: has split folders ({Names(splits)}) and other folders ({Names(others)}); with split folders, " +
                                               "every top-level folder must be one (train, val/valid/validation, test).");
            var roles = splits.Select(f => (Folder: f, Role: SplitNames[Path.GetFileName(f)])).ToList();
            if (roles.GroupBy(r => r.Role).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new InvalidDataException($"{root}: {Names(twice.Select(t => t.Folder))} are the same split; keep one.");
            if (roles.All(r => r.Role == SplitRole.Train))
                throw new InvalidDataException($"{root}: has {Names(splits)} but no test/ or val/ folder to test on.");
            var hasTest = roles.Any(r => r.Role == SplitRole.Test);
            foreach (var (folder, role) in roles)
                images.AddRange(ClassImages(root, folder, role == SplitRole.Valid && !hasTest ? SplitRole.Test : role, classFolders, empty, ignored));
        }
        if (images.Count == 0) throw new InvalidDataException($"{root}: no image files in its class folders ({SourceTree.Listing(root)}).{SourceTree.ArchivesNote(root)}");
        var classes = images.Select(i => i.Class).Distinct().OrderBy(c => ExpressionNames.CkPlus8.Contains(c) ? ExpressionNames.CkPlus8.ToList().IndexOf(c) : int.MaxValue)
            .ThenBy(c => c, NaturalOrder.Comparer).ToList();
        if (classes.Count < 2) throw new InvalidDataException($"{root}: only one class ({classes[0]}); a classifier needs at least two class folders.");
        // A class met only in test/ (or val/) could never be predicted: every one of its test images would count as wrong.
        if (images.Any(i => i.Role == SplitRole.Train) && classes.FirstOrDefault(c => images.All(i => i.Class != c || i.Role != SplitRole.Train)) is { } untrained)
            throw new InvalidDataException($"{root}: class '{untrained}' ({string.Join(", ", images.Where(i => i.Class == untrained).Select(i => i.Relative.Split(Path.DirectorySeparatorChar)).Select(p => $"{p[0]}/{p[1]}/").Distinct())}) " +
                                           "has no training images, so a classifier could never predict it; add its images under the training split or remove the folder.");
        return new ImageFolderTree(root, splits.Count > 0, images, classes, classFolders, empty, ignored);
    }

    /// <summary>The images of every class folder of <paramref name="parent"/>; two folders of one class (Happy/, happiness/) are an error.</summary>
    private static List<Image> ClassImages(string root, string parent, SplitRole role, Dictionary<string, string> classFolders, List<string> empty,
        List<string> ignored)
    {
        var images = new List<Image>();
        var seen = new Dictionary<string, string>();
        foreach (var folder in SourceTree.Folders(parent))
        {
            var name = Path.GetFileName(folder);
            var found = SourceTree.ImagesBelow(root, folder, ignored).Select(i => new Image(i.File, i.Relative, role, name, "")).ToList();
            if (found.Count == 0) { empty.Add(Path.GetRelativePath(root, folder)); continue; }   // makes no class
            // The folder's name becomes the label in manifest.csv, dataset.json and every printout.
            if (SafeText.HasControl(name) || name.Contains('\uFFFD'))
                throw new InvalidDataException($"{folder}: the class folder's name {SafeText.Quote(name)} holds " +
                                               $"{(name.Contains('\uFFFD') ? "bytes that are not UTF-8" : "control characters")}, and it would be the class label; rename the folder.");
            var @class = ExpressionNames.FromFolder(name) ?? name.Trim();
            if (seen.TryGetValue(@class, out var other))
                throw new InvalidDataException($"{parent}: folders {SafeText.Quote(other)} and {SafeText.Quote(name)} are both class '{@class}'; merge them or rename one.");
            seen[@class] = name;
            classFolders[name] = @class;
            images.AddRange(found.Select(i => i with { Class = @class }));
        }
        foreach (var file in Directory.EnumerateFiles(parent).Where(f => parent != root && !SourceTree.IsLitter(f))) ignored.Add(Path.GetRelativePath(root, file));
        return images;
    }

    private static string Names(IEnumerable<string> folders) => string.Join(", ", folders.Select(f => SafeText.Escape(Path.GetFileName(f)) + "/"));
}
