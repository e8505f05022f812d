using System.CommandLine;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>`data-prep check data/ck-plus`: validates a prepared dataset, decodes every image, prints counts per class and fold.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A prepared dataset folder (holds dataset.json and manifest.csv)." };
        var command = new Command("check", "Validate a prepared dataset and print its class and fold counts.") { folder };
        command.SetAction(parse =>
        {
            var dataset = PreparedDataset.OpenAny(parse.GetRequiredValue(folder).FullName);
            using (dataset.Load(Math.Min(dataset.Info.ImageSize, 64))) { }   // decodes every image; reports the first bad one
            Console.WriteLine(Describe(dataset));
            // What training on it would refuse or warn about: an empty class is an error, a fold that cannot learn a class it tests a warning.
            foreach (var problem in dataset.UntrainableClasses()) Console.WriteLine($"warning: {problem}.");
            if (dataset.EmptyClasses() is { } empty)
            {
                Console.Error.WriteLine($"data-prep: error: {empty} (training on it is refused).");
                return 2;
            }
            return 0;
        });
        return command;
    }

    public static string Describe(PreparedDataset dataset)
    {
        var lines = new List<string> { Summary(dataset) };
        for (var k = 0; k < dataset.FoldCount; k++)
        {
            var f = dataset.Fold(k);
            lines.Add($"  fold {k}: train {f.Train.Length}, valid {f.Valid.Length}, test {f.Test.Length}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The headline and the class counts, without the folds.</summary>
    public static string Summary(PreparedDataset dataset) => dataset.Info.IsUnlabelled ? Headline(dataset) : Headline(dataset) + Environment.NewLine + ClassLine(dataset);

    /// <summary>"name: N images, S subjects, C classes, protocol …, size".</summary>
    public static string Headline(PreparedDataset dataset)
    {
        var info = dataset.Info;
        var kind = info.IsUnlabelled
            ? $"unlabelled (for stage 1 only: --set stage1.unlabelled={SafeText.Escape(info.Name)})"
            : $"{info.Classes.Count} classes, protocol {info.Protocol} ({info.Folds} {(info.Protocol == Protocol.KFold ? "folds" : "splits")})";
        return $"{SafeText.Escape(info.Name)}: {dataset.Rows.Count} images, {dataset.Rows.Select(r => r.Subject).Distinct().Count()} subjects, {kind}, {info.ImageSize}px";
    }

    /// <summary>Images per class; for many classes (identities) just the range.</summary>
    private static string ClassLine(PreparedDataset dataset)
    {
        var counts = dataset.ClassCounts();
        return dataset.Classes.Count <= 12
            ? "  " + string.Join("  ", dataset.Classes.Zip(counts, (c, n) => $"{SafeText.Escape(c)} {n}"))
            : $"  images per class: {counts.Min()}–{counts.Max()}";
    }
}
