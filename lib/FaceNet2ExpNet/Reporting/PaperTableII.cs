namespace FaceNet2ExpNet.Reporting;

/// <summary>Table II: images per expression class in the paper's datasets (classes the paper's order: An Co Di Fe Ha Sa Su Ne).</summary>
public static class PaperTableII
{
    public static readonly string[] Classes = ["anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise", "neutral"];

    /// <summary>Counts as printed (null = class not in the dataset). CK+ "happy 147" is a misprint: 69 sequences × 3 = 207, and only 207 makes the printed total 1308.</summary>
    public static readonly IReadOnlyDictionary<string, int?[]> Counts = new Dictionary<string, int?[]>
    {
        ["CK+"] = [135, 54, 177, 75, 147, 84, 249, 327],
        ["Oulu-CASIA"] = [240, null, 240, 240, 240, 240, 240, null],
        ["TFD"] = [437, null, 457, 424, 758, 441, 459, 1202],
        ["SFEW"] = [255, null, 75, 124, 256, 234, 150, 228],
    };

    /// <summary>The paper's count for <paramref name="expression"/> in <paramref name="dataset"/>'s row of Table II.</summary>
    public static int? Count(string dataset, string expression) =>
        Array.IndexOf(Classes, expression) is var i and >= 0 && Counts.TryGetValue(dataset, out var row) ? row[i] : null;

    /// <summary>The Table II row a prepared dataset compares with.</summary>
    public static string? RowFor(string dataset) => dataset switch
    {
        "ck-plus" or "ck-plus6" or "synthetic-ck" or "synthetic-ck6" => "CK+",
        "oulu-casia" => "Oulu-CASIA",
        "tfd" => "TFD",
        "sfew" => "SFEW",
        _ => null,
    };
}
