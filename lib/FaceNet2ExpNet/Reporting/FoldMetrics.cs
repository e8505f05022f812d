using System.Text.Json;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// metrics.json of one finished run: accuracy on the fold's test images (single centre crop), the confusion matrix as
/// counts (rows = true class), per-class accuracy, and the last training loss. Stage 1 has no accuracy (no labels).
/// </summary>
public sealed record FoldMetrics
{
    public double? Accuracy { get; init; }
    public IReadOnlyList<string> Classes { get; init; } = [];
    public int[][] Confusion { get; init; } = [];
    public double?[] PerClassAccuracy { get; init; } = [];
    public int TestImages { get; init; }
    public double FinalTrainingLoss { get; init; }
    public double Seconds { get; init; }
    /// <summary>Stage 1: the fraction of the teacher's variance its ExpNet leaves unexplained on the test images (<see cref="Training.HeldOutTargets"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Fvu { get; init; }

    /// <summary>Metrics of predictions against labels.</summary>
    public static FoldMetrics From(IReadOnlyList<int> predicted, IReadOnlyList<long> labels, IReadOnlyList<string> classes, double finalLoss, double seconds)
    {
        if (predicted.Count != labels.Count) throw new ArgumentException($"{predicted.Count} predictions for {labels.Count} labels.");
        var confusion = classes.Select(_ => new int[classes.Count]).ToArray();
        for (var i = 0; i < labels.Count; i++) confusion[labels[i]][predicted[i]]++;
        var correct = Enumerable.Range(0, classes.Count).Sum(c => confusion[c][c]);
        return new FoldMetrics
        {
            Accuracy = labels.Count == 0 ? null : correct / (double)labels.Count,
            Classes = classes,
            Confusion = confusion,
            PerClassAccuracy = ClassAccuracies(confusion),
            TestImages = labels.Count,
            FinalTrainingLoss = finalLoss,
            Seconds = seconds,
        };
    }

    /// <summary>
    /// Each class's accuracy from a confusion matrix of counts (rows = true class): its diagonal count over its row's
    /// total; null for a class without test images. The one definition — a fold's, and a method's pooled over folds.
    /// </summary>
    public static double?[] ClassAccuracies(int[][] confusion) =>
        confusion.Select((row, c) => row.Sum() is var images and > 0 ? row[c] / (double)images : (double?)null).ToArray();

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads metrics.json and checks it is whole: class count, a square confusion matrix, an accuracy in [0, 1].</summary>
    /// <exception cref="InvalidDataException">The file is damaged; the message names it and what is wrong.</exception>
    public static FoldMetrics Load(string path)
    {
        FoldMetrics? m;
        try { m = JsonSerializer.Deserialize<FoldMetrics>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new InvalidDataException($"{path} is damaged (not valid metrics JSON: {e.Message.TrimEnd('.')})", e); }
        if (m is null) throw new InvalidDataException($"{path} is damaged (empty)");
        if (m.Accuracy is { } a && !(a >= 0 && a <= 1)) throw new InvalidDataException($"{path} is damaged (accuracy {a} is outside 0–1)");
        if (m.Confusion.Length != m.Classes.Count || m.Confusion.Any(row => row is null || row.Length != m.Classes.Count))
            throw new InvalidDataException($"{path} is damaged (the confusion matrix is not {m.Classes.Count}×{m.Classes.Count})");
        return m;
    }
}
