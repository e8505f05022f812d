using System.Globalization;
using System.Text.Json;
using FaceNet2ExpNet.Prediction;

namespace FaceNet2ExpNet.Cli;

/// <summary>Predictions as CSV (file, face, box, expression, confidence, one probability column per class) or JSON.</summary>
public static class PredictionWriter
{
    public static void Csv(TextWriter output, IReadOnlyList<FacePrediction> predictions, IReadOnlyList<string> classes)
    {
        output.WriteLine(string.Join(",", new[] { "file", "face", "x", "y", "width", "height", "expression", "confidence" }.Concat(classes.Select(Quote))));
        foreach (var p in predictions)
            output.WriteLine(string.Join(",", new[] { Quote(p.File), I(p.Face), F(p.Box.X), F(p.Box.Y), F(p.Box.Width), F(p.Box.Height), Quote(p.Expression), P(p.Confidence) }
                .Concat(p.Probabilities.Select(P))));
    }

    public static void Json(TextWriter output, IReadOnlyList<FacePrediction> predictions)
    {
        var rows = predictions.Select(p => new
        {
            file = p.File, face = p.Face, box = new { x = p.Box.X, y = p.Box.Y, width = p.Box.Width, height = p.Box.Height },
            expression = p.Expression, confidence = p.Confidence,
            probabilities = p.Classes.Zip(p.Probabilities).ToDictionary(c => c.First, c => c.Second),
        });
        output.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.</summary>
    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string P(float v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
