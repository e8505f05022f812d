using System.Text.Json;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// The Toronto Face Database (Susskind et al. 2010) → data/tfd. TFD ships one MAT-file per resolution (TFD_48x48.mat,
/// TFD_96x96.mat) holding images (N×H×W uint8), labs_ex (expression 1–7; -1 or 0 = unlabelled), labs_id (identity) and
/// folds (N×5: 0 unused, 1 train, 2 valid, 3 test). The paper's protocol (Sec. IV-E): the 4178 labelled images, seven
/// classes, the dataset's own five folds with their train/valid/test parts; accuracy averaged over the five test parts.
/// </summary>
public static class TfdImporter
{
    public static string Name => Reporting.PaperDatasets.Tfd.Key;

    /// <summary>The files looked for when the source is a folder, best resolution first.</summary>
    public static readonly string[] FileNames = ["TFD_96x96.mat", "TFD_48x48.mat"];

    /// <summary>labs_ex code − 1 → class: 1 anger, 2 disgust, 3 fear, 4 happy, 5 sad, 6 surprise, 7 neutral.</summary>
    public static IReadOnlyList<string> Classes => ExpressionNames.Basic7;

    /// <summary>The MAT-file named by <paramref name="source"/>: the file itself, or the best one of <see cref="FileNames"/> in that folder.</summary>
    public static string Locate(string source)
    {
        if (File.Exists(source))
        {
            var signature = Imaging.FileSignature.Of(source);
            if (signature.Kind == Imaging.FileKind.Archive)
                throw new InvalidDataException($"{source}: is {signature.WithArticle}, not a MAT-file: unpack it and point at TFD_96x96.mat, TFD_48x48.mat or the folder holding them.");
            return source;
        }
        if (!Directory.Exists(source)) throw new FileNotFoundException($"{source}: no such file or folder (expected TFD_96x96.mat, TFD_48x48.mat or the folder holding them).", source);
        return FileNames.Select(f => Path.Combine(source, f)).FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"{source}: holds neither {string.Join(" nor ", FileNames)} ({SourceTree.Listing(source)}).{SourceTree.ArchivesNote(source)}", source);
    }

    /// <summary>Writes data/tfd; returns it with its counts beside Table II.</summary>
    public static ImportResult Import(ImportOptions o)
    {
        var file = Locate(o.Source);
        var vars = MatFile.Read(file, "images", "labs_ex", "labs_id", "folds");
        var (images, expression, identity, folds) = (vars["images"], vars["labs_ex"], vars["labs_id"], vars["folds"]);
        if (images.Dimensions.Count != 3)
            throw new InvalidDataException($"{file}: 'images' is {string.Join("×", images.Dimensions)}; expected N×H×W.");
        var (n, h, w) = (images.Dimensions[0], images.Dimensions[1], images.Dimensions[2]);
        foreach (var v in new[] { expression, identity })
            if (v.Count != n) throw new InvalidDataException($"{file}: '{v.Name}' has {v.Count} values for {n} images.");
        if (folds.Dimensions.Count != 2 || folds.Dimensions[0] != n || folds.Dimensions[1] < 1)
            throw new InvalidDataException($"{file}: 'folds' is {string.Join("×", folds.Dimensions)}; expected {n}×5 (one column per fold).");
        var splits = folds.Dimensions[1];
        var pixels = images.ToBytes(file);

        var kept = new List<(int Row, string Label, string Subject, string Roles)>();
        var (unlabelled, unused) = (0, 0);
        for (var i = 0; i < n; i++)
        {
            var code = expression[i];
            if (code is -1 or 0) { unlabelled++; continue; }
            if (code is < 1 or > 7 || code != Math.Floor(code))
                throw new InvalidDataException($"{file}: labs_ex row {i + 1} is {code}; expected 1–7 (or -1/0 for unlabelled).");
            var roles = new SplitRole[splits];
            for (var k = 0; k < splits; k++)
                roles[k] = folds[i, k] switch
                {
                    0 => SplitRole.Unused, 1 => SplitRole.Train, 2 => SplitRole.Valid, 3 => SplitRole.Test,
                    var f => throw new InvalidDataException($"{file}: folds row {i + 1} column {k + 1} is {f}; expected 0 (unused), 1 (train), 2 (valid) or 3 (test)."),
                };
            if (roles.All(r => r == SplitRole.Unused)) { unused++; continue; }
            var id = identity[i];
            var subject = id > 0 ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"unknown-{i + 1}";
            kept.Add((i, Classes[(int)code - 1], subject, string.Join("/", roles.Select(ManifestRow.RoleText))));
        }

        var info = new DatasetInfo
        {
            Name = Name, Classes = Classes, Protocol = Protocol.Splits, Folds = splits, ImageSize = o.ImageSize,
            Source = $"TFD (Susskind et al. 2010), {Path.GetFullPath(file)}: labelled images, the dataset's own folds",
            Normalisation = $"as distributed ({h}×{w}, aligned by TFD's authors), resized to {o.ImageSize}×{o.ImageSize}",
            Extra = new Dictionary<string, JsonElement>
            {
                ["file"] = JsonSerializer.SerializeToElement(Path.GetFileName(file)),
                ["unlabelledImagesSkipped"] = JsonSerializer.SerializeToElement(unlabelled),
                ["labelledImagesInNoFoldSkipped"] = JsonSerializer.SerializeToElement(unused),
            },
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(o.DataRoot, Name), info);
        var jobs = kept.Select(k => new FaceImage($"{file} row {k.Row + 1}", () => Image(pixels, n, h, w, k.Row), ImagePath(k.Row), [writer])).ToList();
        FaceImages.Write(jobs, FaceImages.AsDistributed, o.ImageSize, Name, o.Progress);
        foreach (var k in kept) writer.AddRow(ImagePath(k.Row), k.Label, k.Subject, "", 0, k.Roles);
        var dataset = writer.Commit();

        var summary = new List<string>
        {
            $"{Name}: {dataset.Rows.Count} labelled images of {n} in {Path.GetFileName(file)} ({h}×{w}; paper: 4178); {unlabelled} unlabelled " +
            $"skipped{(unused > 0 ? $", {unused} labelled but in no fold skipped" : "")}; {splits} folds with train/valid/test parts",
        };
        summary.AddRange(ClassTable.Format(dataset.Classes, dataset.ClassCounts(), ClassTable.PaperTable2.Tfd));
        return new ImportResult([dataset], summary);
    }

    /// <summary>Image <paramref name="row"/> of MATLAB's column-major N×H×W array as RGB (grey replicated).</summary>
    public static ImageDecoder.Rgb Image(byte[] pixels, int n, int h, int w, int row)
    {
        var rgb = new byte[h * w * 3];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var v = pixels[row + (long)n * (y + (long)h * x)];
            var p = 3 * (y * w + x);
            (rgb[p], rgb[p + 1], rgb[p + 2]) = (v, v, v);
        }
        return new ImageDecoder.Rgb(rgb, w, h);
    }

    private static string ImagePath(int row) => $"images/{row + 1:000000}.png";
}
