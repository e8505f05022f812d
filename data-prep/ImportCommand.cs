using FaceNet2ExpNet.Reporting;
using System.CommandLine;
using System.Diagnostics;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// `data-prep import ck-plus --source ~/datasets/CK+`: a dataset as distributed → data/&lt;dataset&gt; with the paper's
/// protocol (docs/datasets.md); `import folder` takes any folder-per-class tree, `import unlabelled` any folder of faces
/// (for stage 1 only). Prints the counts beside the paper's
/// Table II and the images per fold.
/// </summary>
public static class ImportCommand
{
    /// <summary>One subcommand: its options beyond the common ones, and how it imports given the parsed line.</summary>
    private sealed record Dataset(string Name, string Description, string Source, Aligning Aligning, Func<Extras, Option[]> Extra,
        Func<ParseResult, Extras, ImportOptions, ImportResult> Import);

    /// <summary>Whether --aligner is offered, and its default: raw frames are aligned with face-api, folders stored as distributed.</summary>
    private enum Aligning { None, FaceApi, AsDistributed }

    /// <summary>The options only some subcommands have (new instances for every command tree built).</summary>
    private sealed class Extras
    {
        public readonly Option<bool> Crops = new("--crops") { Description = "Use Oulu-CASIA's own face crops (PreProcess/VL_Acropped/Strong) instead of aligning the raw frames" };
        public readonly Option<string?> FerPlus = new("--ferplus") { Description = "FER+ labels (fer2013new.csv, or its folder): majority vote → data/ferplus" };
        public readonly Option<string?> Name = new("--name") { Description = "Dataset name: data/<name> (default: the name of the folder holding the class folders, or the images, lower-cased)" };
        public readonly Option<int> Folds = new("--folds") { Description = "Folds when there are no split folders (fewer if fewer subjects)", DefaultValueFactory = _ => 10 };
        public readonly Option<string?> SubjectRegex = new("--subject-regex") { Description = "Regular expression with a group (?<subject>…) matched against each file name" };
        public readonly Option<bool> NoSubjects = new("--no-subjects") { Description = "File names carry no subject: folds per image (not subject-independent)" };
    }

    private static readonly Dataset[] Datasets =
    [
        new(CkPlusImporter.Name8, $"CK+ → data/{CkPlusImporter.Name8} (8 classes) and data/{CkPlusImporter.Name6} (6 classes): first + last 3 frames, 10 folds by subject ID",
            "CK+ root: the folder holding cohn-kanade-images/ and Emotion/", Aligning.FaceApi, _ => [], (_, _, o) => CkPlusImporter.Import(o)),
        new(OuluCasiaImporter.Name, $"Oulu-CASIA VIS, strong light → data/{OuluCasiaImporter.Name}: last 3 frames, 6 classes, 10 subject-independent folds",
            "Oulu-CASIA root: the folder holding OriginalImg/VL/Strong/ (or the crops PreProcess/VL_Acropped/Strong/)", Aligning.FaceApi, x => [x.Crops],
            (p, x, o) => OuluCasiaImporter.Import(o, p.GetValue(x.Crops))),
        new(TfdImporter.Name, $"TFD → data/{TfdImporter.Name}: the labelled images, 7 classes, TFD's 5 folds (train/valid/test)",
            "TFD_96x96.mat or TFD_48x48.mat, or the folder holding them (96×96 preferred)", Aligning.None, _ => [], (_, _, o) => TfdImporter.Import(o)),
        new(SfewImporter.Name, $"SFEW 2.0 → data/{SfewImporter.Name}: aligned faces, 7 classes, Train → train, Val → test",
            "SFEW 2.0 root: the folder holding Train/ and Val/ (or Train_Aligned_Faces/, Val_Aligned_Faces/)", Aligning.None, _ => [], (_, _, o) => SfewImporter.Import(o)),
        new(Fer2013Importer.Name, $"FER2013 → data/{Fer2013Importer.Name} (or with --ferplus, data/{Fer2013Importer.FerPlusName}): 7 classes in SFEW's order, Training → train, PublicTest → valid, PrivateTest → test",
            "fer2013.csv or icml_face_data.csv, or the folder holding it", Aligning.None, x => [x.FerPlus],
            (p, x, o) => Fer2013Importer.Import(o, p.GetValue(x.FerPlus) is { } f ? Path.GetFullPath(f) : null)),
        new("folder", "A folder per class (torchvision ImageFolder; train/ val/ test/ split folders → fixed splits, else k folds by subject) → data/<name>",
            "The root holding one folder per class, or train/, val/ and test/ folders that each hold one", Aligning.AsDistributed,
            x => [x.Name, x.Folds, x.SubjectRegex, x.NoSubjects], (p, x, o) => FolderImporter.Import(o, FolderOptionsOf(p, x))),
        new("unlabelled", "Faces without labels (every image below a folder) → data/<name>, for stage 1 only: --set stage1.unlabelled=<name>",
            "The folder holding the face images (any sub-folders; their names are not read as classes)", Aligning.AsDistributed,
            x => [x.Name, x.SubjectRegex, x.NoSubjects], (p, x, o) => UnlabelledImporter.Import(o, FolderOptionsOf(p, x))),
    ];

    public static Command Create()
    {
        var import = new Command("import", "Prepare a real dataset (CK+, Oulu-CASIA, TFD, SFEW 2.0, FER2013/FER+) with the paper's protocol, any folder-per-class set, or faces without labels (stage 1 only).");
        var extras = new Extras();
        foreach (var d in Datasets) import.Add(Create(d, extras));
        return import;
    }

    private static FolderOptions FolderOptionsOf(ParseResult p, Extras x)
    {
        var (regex, none) = (p.GetValue(x.SubjectRegex), p.GetValue(x.NoSubjects));
        if (regex is not null && none) throw new ArgumentException("--subject-regex and --no-subjects exclude each other.");
        return new FolderOptions(p.GetValue(x.Name), p.GetValue(x.Folds), regex is null ? null : new SubjectNames(regex), none,
            FoldsGiven: p.GetResult(x.Folds) is { Implicit: false });
    }

    private static Command Create(Dataset d, Extras extras)
    {
        var source = new Option<string>("--source") { Description = d.Source, Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "Data folder", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var size = new Option<int>("--size") { Description = "Side of the stored face crops in pixels (the paper: 256)", DefaultValueFactory = _ => 256 };
        var command = new Command(d.Name, d.Description) { source, data, size };
        var aligner = d.Aligning == Aligning.None ? null : AlignerOption.Create(d.Aligning == Aligning.AsDistributed ? "none" : "face-api");
        if (aligner is not null) command.Add(aligner);
        foreach (var option in d.Extra(extras)) command.Add(option);
        command.SetAction(parse =>
        {
            var side = parse.GetValue(size);
            if (side < 8) throw new ArgumentException($"--size {side}: images must be at least 8 pixels wide.");
            var options = new ImportOptions(Path.GetFullPath(parse.GetRequiredValue(source)), parse.GetValue(data)!.FullName)
            {
                ImageSize = side,
                Aligner = aligner is null ? FaceImages.AsDistributed : AlignerOption.Parse(parse.GetValue(aligner)!),
                Progress = new LineProgress(Console.Out, "data-prep"),
            };
            try
            {
                var watch = Stopwatch.StartNew();
                var result = d.Import(parse, extras, options);
                foreach (var line in result.Summary) Console.WriteLine(line);
                foreach (var dataset in result.Datasets)
                {
                    Console.WriteLine(CheckCommand.Describe(dataset));
                    Console.WriteLine($"[data-prep] {dataset.Info.Name} ready in {dataset.Root} (normalisation: {dataset.Info.Normalisation})");
                }
                Console.WriteLine($"[data-prep] import {d.Name} took {watch.Elapsed.TotalSeconds:F1} s");
            }
            finally { (options.Aligner as IDisposable)?.Dispose(); }
            return 0;
        });
        return command;
    }
}
