using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;
using System.Text.Json.Nodes;
using StbImageWriteSharp;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>
/// A TinyDataset generated into its own TempDir, with helpers to break it: edit manifest.csv rows (1-based data rows,
/// the header is line 1), edit dataset.json text, delete or corrupt images.
/// </summary>
internal sealed class DatasetTree : IDisposable
{
    private readonly TempDir dir = new();

    public string Root { get; }
    public string ManifestPath => Path.Combine(Root, "manifest.csv");
    public string InfoPath => Path.Combine(Root, "dataset.json");

    /// <summary>Default: 3 subjects × 3 classes × 1 image, 3 folds (one subject per fold), 16-px images — 9 rows.</summary>
    public DatasetTree(int subjects = 3, int perSubjectPerClass = 1, int size = 16, int folds = 3,
        Protocol protocol = Protocol.KFold, string[]? classes = null)
    {
        Root = dir["tiny"];
        TinyDataset.Create(Root, subjects, perSubjectPerClass, size, classes, folds, protocol: protocol);
    }

    public string[] Lines => File.ReadAllLines(ManifestPath);

    /// <summary>Fields of data row <paramref name="row"/> (1-based).</summary>
    public List<string> Row(int row) => Csv.Split(Lines[row]);

    public string ImagePathOf(int row) => Row(row)[0];

    public string ImageFileOf(int row) => Path.Combine(Root, ImagePathOf(row));

    public void SetHeader(string header)
    {
        var lines = Lines;
        lines[0] = header;
        File.WriteAllLines(ManifestPath, lines);
    }

    public void SetRowText(int row, string text)
    {
        var lines = Lines;
        lines[row] = text;
        File.WriteAllLines(ManifestPath, lines);
    }

    /// <summary>Sets one column (path,label,subject,sequence,frame,fold) of data row <paramref name="row"/>.</summary>
    public void SetField(int row, string column, string value)
    {
        var fields = Row(row);
        fields[Array.IndexOf(ManifestRow.Columns, column)] = value;
        SetRowText(row, Csv.Join(fields));
    }

    public void EditInfo(Func<string, string> edit)
    {
        var before = File.ReadAllText(InfoPath);
        var after = edit(before);
        if (after == before) throw new InvalidOperationException("test setup: dataset.json edit changed nothing");
        File.WriteAllText(InfoPath, after);
    }

    /// <summary>Edits dataset.json as a JSON object (property names are camelCase, as written).</summary>
    public void EditInfoJson(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(InfoPath))!.AsObject();
        edit(node);
        File.WriteAllText(InfoPath, node.ToJsonString());
    }

    public void WriteGreyPng(string relativePath, byte[] grey, int width, int height)
    {
        using var stream = File.Create(Path.Combine(Root, relativePath));
        new ImageWriter().WritePng(grey, width, height, ColorComponents.Grey, stream);
    }

    public void Dispose() => dir.Dispose();
}

internal static class Png
{
    public static void WriteRgb(string path, byte[] rgb, int width, int height)
    {
        using var stream = File.Create(path);
        new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, stream);
    }

    public static void WriteGrey(string path, byte[] grey, int width, int height)
    {
        using var stream = File.Create(path);
        new ImageWriter().WritePng(grey, width, height, ColorComponents.Grey, stream);
    }
}
