using System.Globalization;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data;

/// <summary>Reads and validates manifest.csv against its dataset.json; every error names the file and row.</summary>
public static class Manifest
{
    public static List<ManifestRow> Read(string path, DatasetInfo info)
    {
        if (!File.Exists(path)) throw new DatasetFormatException($"{path}: not found. A prepared dataset needs manifest.csv (the format: docs/dataset-format.md).");
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null) throw new DatasetFormatException($"{path}: empty file, expected the header '{string.Join(",", ManifestRow.Columns)}'.");
        var names = Csv.Split(header.TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var index = new Dictionary<string, int>();
        foreach (var column in ManifestRow.Columns)
        {
            var i = names.IndexOf(column);
            if (i < 0) throw new DatasetFormatException($"{path}: missing column '{column}' (header has: {SafeText.Escape(string.Join(",", names), 200)}).");
            index[column] = i;
        }

        var classIndex = info.Classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i, StringComparer.OrdinalIgnoreCase);
        var rows = new List<ManifestRow>();
        var seen = new HashSet<string>();
        string? line;
        var row = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            row++;
            if (line.Length == 0) continue;
            var where = $"{path} row {row} (line {row + 1})";
            var f = Csv.Split(line);
            if (f.Count != names.Count) throw new DatasetFormatException($"{where}: {f.Count} fields, the header has {names.Count}.");
            string Field(string c) => f[index[c]].Trim();

            var imagePath = Field("path");
            if (imagePath.Length == 0) throw new DatasetFormatException($"{where}: empty path.");
            if (System.IO.Path.IsPathRooted(imagePath) || imagePath.Split('/', '\\').Contains(".."))
                throw new DatasetFormatException($"{where}: path {SafeText.Quote(imagePath, 200)} must be relative to the dataset folder and stay inside it.");
            if (!seen.Add(imagePath)) throw new DatasetFormatException($"{where}: image {SafeText.Quote(imagePath, 200)} is listed twice.");
            var labelText = Field("label");
            var label = -1;   // unlabelled faces: no class
            if (info.IsUnlabelled)
            {
                if (labelText.Length > 0)
                    throw new DatasetFormatException($"{where}: label {SafeText.Quote(labelText)} in an unlabelled dataset (protocol 'unlabelled'); leave the label empty.");
            }
            else if (!classIndex.TryGetValue(labelText, out label))
                throw new DatasetFormatException($"{where}: label {SafeText.Quote(labelText)} is not one of {string.Join(", ", info.Classes)}.");
            var subject = Field("subject");
            if (subject.Length == 0) throw new DatasetFormatException($"{where}: empty subject.");
            var frameText = Field("frame");
            var frame = 0;
            if (frameText.Length > 0 && !int.TryParse(frameText, NumberStyles.Integer, CultureInfo.InvariantCulture, out frame))
                throw new DatasetFormatException($"{where}: frame {SafeText.Quote(frameText)} is not an integer.");

            var (testFold, roles) = ParseFold(Field("fold"), info, where);
            rows.Add(new ManifestRow(imagePath, label, subject, Field("sequence"), frame, testFold, roles, row + 1));
        }
        if (rows.Count == 0) throw new DatasetFormatException($"{path}: no images listed.");
        if (info.Protocol == Protocol.KFold) CheckSubjectIndependent(path, rows);
        return rows;
    }

    /// <summary>k-fold protocols are subject-independent: all images of a subject sit in one fold.</summary>
    private static void CheckSubjectIndependent(string path, List<ManifestRow> rows)
    {
        var first = new Dictionary<string, ManifestRow>();
        foreach (var r in rows)
        {
            if (!first.TryGetValue(r.Subject, out var f)) first[r.Subject] = r;
            else if (f.TestFold != r.TestFold)
                throw new DatasetFormatException(
                    $"{r.Where(path)}: subject {SafeText.Quote(r.Subject)} is in fold {r.TestFold}, but row {f.Line - 1} puts it in fold {f.TestFold}; " +
                    "k-fold folds must be subject-independent.");
        }
    }

    private static (int, IReadOnlyList<SplitRole>) ParseFold(string text, DatasetInfo info, string where)
    {
        if (info.IsUnlabelled)
            return text is "" or "-" ? (-1, []) : throw new DatasetFormatException($"{where}: fold {SafeText.Quote(text)} in an unlabelled dataset, which has no folds; leave it empty or '-'.");
        if (info.Protocol == Protocol.KFold)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 0 || k >= info.Folds)
                throw new DatasetFormatException($"{where}: fold {SafeText.Quote(text)} is not a fold index 0…{info.Folds - 1}.");
            return (k, []);
        }
        var parts = text.Split('/');
        if (parts.Length != info.Folds)
            throw new DatasetFormatException($"{where}: fold {SafeText.Quote(text)} must give one role (train, valid, test or -) for each of the {info.Folds} splits, separated by '/'.");
        var roles = new SplitRole[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            roles[i] = ManifestRow.ParseRole(parts[i])
                ?? throw new DatasetFormatException($"{where}: fold {SafeText.Quote(text)}: {SafeText.Quote(parts[i])} is not train, valid, test or -.");
        return (-1, roles);
    }
}
