using System.Text.Json;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// Faces without labels — every image anywhere below a folder; folder names are not read as classes — → data/&lt;name&gt;
/// with protocol "unlabelled": no classes, no folds. Stage 1 regresses the face net and uses no labels, so other
/// people's faces can join it (setting <c>stage1.unlabelled</c>); training or testing on them is refused
/// (<see cref="PreparedDataset.Open"/>). Subjects are read from file names as in <see cref="FolderImporter"/>, so a set
/// sharing a person with the dataset it joins is refused before training; images that cannot be decoded (or, when
/// aligning, show no face) are skipped, counted and listed.
/// </summary>
public static class UnlabelledImporter
{
    public static ImportResult Import(ImportOptions o, FolderOptions f)
    {
        var root = SourceTree.RequireFolder(o.Source, "the folder holding the face images");
        var name = f.Name ?? FolderImporter.DefaultName(root);
        if (!FolderImporter.ValidName().IsMatch(name)) throw new ArgumentException($"--name {SafeText.Quote(name)}: use letters, digits, '.', '_', '+' or '-' (it names the folder data/<name>).");
        var ignored = new List<string>();
        var images = SourceTree.ImagesBelow(root, root, ignored).Select(i => new ImageFolderTree.Image(i.File, i.Relative, SplitRole.Unused, "", "")).ToList();
        if (images.Count == 0) throw new InvalidDataException($"{root}: no image files in it or below it ({SourceTree.Listing(root)}).{SourceTree.ArchivesNote(root)}");
        var subjects = f.NoSubjects ? null : f.Subjects ?? new SubjectNames();
        var targets = FolderImporter.Targets(images);
        var subjectOf = FolderImporter.SubjectsOf(images, subjects, targets);   // before hours of decoding: a name without a subject is an error

        var normalisation = FaceImages.Normalisation(o.Aligner, o.ImageSize);
        var extra = new Dictionary<string, JsonElement>
        {
            ["layout"] = JsonSerializer.SerializeToElement("unlabelled faces: every image below the root"),
            ["subjects"] = JsonSerializer.SerializeToElement(FolderImporter.SubjectsDescription(subjects)),
        };
        var info = new DatasetInfo
        {
            Name = name, Classes = [], Protocol = Protocol.Unlabelled, Folds = 0, ImageSize = o.ImageSize,
            Source = $"unlabelled faces {root}", Normalisation = normalisation, Extra = extra,
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(o.DataRoot, name), info);
        var jobs = images.Select(i => FaceImage.FromFile(i.File, targets[i], writer)).ToList();
        var detections = o.Aligner.Detections;
        var skipped = FaceImages.Write(jobs, o.Aligner, o.ImageSize, name, o.Progress, skipUnusable: true);
        var kept = images.Where((_, k) => !skipped.ContainsKey(k)).ToList();
        foreach (var image in kept) writer.AddRow(targets[image], "", subjectOf[image], "", 0, "-");
        FolderImporter.RecordSkipped(extra, skipped, ignored);
        var dataset = writer.Commit();

        var people = dataset.Rows.Select(r => r.Subject).Distinct().Count();
        var summary = new List<string>
        {
            $"{name}: {dataset.Rows.Count} unlabelled images of {people} subjects from {root}; " +
            $"stage 1 regresses them beside a labelled dataset with --set stage1.unlabelled={name}",
        };
        if (FaceImages.DescribeDetections(o.Aligner, detections, skipped.Values) is { } found) summary.Add(found);
        summary.AddRange(FaceImages.Describe(skipped.Values));
        if (subjects is null)
            summary.Add("note: --no-subjects: fn2en cannot check that none of these people is in the dataset they join; if one is, stage 1 sees a test subject's face.");
        if (FolderImporter.IgnoredNote(ignored) is { } note) summary.Add(note);
        return new ImportResult([dataset], summary);
    }
}
