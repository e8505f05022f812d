using FaceNet2ExpNet.Reporting;
using System.CommandLine;
using System.Diagnostics;
using FaceNet2ExpNet.Data.Importers;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// `data-prep import ck-plus --source ~/datasets/CK+`: a dataset as distributed → data/&lt;dataset&gt; with the paper's
/// protocol (docs/datasets.md). Prints the counts beside the paper's Table II and the images per fold.
/// </summary>
public static class ImportCommand
{
    private sealed record Dataset(string Name, string Description, string Source, Func<ImportOptions, ImportResult> Import, bool RawFrames);

    private static readonly Dataset[] Datasets =
    [
        new("ck-plus", "CK+ → data/ck-plus (8 classes) and data/ck-plus6 (6 classes): first + last 3 frames, 10 folds by subject ID",
            "CK+ root: the folder holding cohn-kanade-images/ and Emotion/", CkPlusImporter.Import, RawFrames: true),
        new("oulu-casia", "Oulu-CASIA VIS, strong light → data/oulu-casia: last 3 frames, 6 classes, 10 subject-independent folds",
            "Oulu-CASIA root: the folder holding OriginalImg/VL/Strong/", OuluCasiaImporter.Import, RawFrames: true),
        new("tfd", "TFD → data/tfd: the labelled images, 7 classes, TFD's 5 folds (train/valid/test)",
            "TFD_96x96.mat or TFD_48x48.mat, or the folder holding them (96×96 preferred)", TfdImporter.Import, RawFrames: false),
        new("sfew", "SFEW 2.0 → data/sfew: aligned faces, 7 classes, Train → train, Val → test",
            "SFEW 2.0 root: the folder holding Train/ and Val/ (or Train_Aligned_Faces/, Val_Aligned_Faces/)", SfewImporter.Import, RawFrames: false),
        new("fer2013", "FER2013 → data/fer2013: 7 classes in SFEW's order, Training → train, PublicTest → valid, PrivateTest → test",
            "fer2013.csv, or the folder holding it", Fer2013Importer.Import, RawFrames: false),
    ];

    public static Command Create()
    {
        var import = new Command("import", "Prepare a real dataset (CK+, Oulu-CASIA, TFD, SFEW 2.0, FER2013) with the paper's protocol.");
        foreach (var d in Datasets) import.Add(Create(d));
        return import;
    }

    private static Command Create(Dataset d)
    {
        var source = new Option<string>("--source") { Description = d.Source, Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "Data folder", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var size = new Option<int>("--size") { Description = "Side of the stored face crops in pixels (the paper: 256)", DefaultValueFactory = _ => 256 };
        var command = new Command(d.Name, d.Description) { source, data, size };
        var aligner = d.RawFrames ? AlignerOption.Create() : null;
        if (aligner is not null) command.Add(aligner);
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
            var watch = Stopwatch.StartNew();
            var result = d.Import(options);
            foreach (var line in result.Summary) Console.WriteLine(line);
            foreach (var dataset in result.Datasets)
            {
                Console.WriteLine(CheckCommand.Describe(dataset));
                Console.WriteLine($"[data-prep] {dataset.Info.Name} ready in {dataset.Root} (normalisation: {dataset.Info.Normalisation})");
            }
            Console.WriteLine($"[data-prep] import {d.Name} took {watch.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
