using System.Diagnostics;
using System.Text.Json;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// The embedded default data: generates the face-recognition corpus and the CK+-like expression corpora under a data
/// folder, reusing any that already match the requested options (dataset.json records the generator settings).
/// </summary>
public static class SyntheticCorpora
{
    public sealed record Result(PreparedDataset Faces, PreparedDataset Expressions8, PreparedDataset Expressions6, bool Generated, TimeSpan Elapsed);

    public static Result Ensure(SyntheticOptions options, string dataRoot, bool force = false, IProgress<string>? progress = null)
    {
        options = options.Validated();
        var clock = Stopwatch.StartNew();
        var generated = false;

        var faces = force ? null : Current(Path.Combine(dataRoot, FaceRecognitionCorpus.Name), FaceRecognitionCorpus.Fingerprint(options));
        if (faces is null)
        {
            progress?.Report($"generating {FaceRecognitionCorpus.Name}: {options.Identities} identities × {options.ImagesPerIdentity} images at {options.ImageSize}px");
            faces = FaceRecognitionCorpus.Generate(options, dataRoot, progress);
            generated = true;
        }
        else progress?.Report($"{FaceRecognitionCorpus.Name}: up to date ({faces.Rows.Count} images), reused");

        var fingerprint = ExpressionCorpus.Fingerprint(options);
        var eight = force ? null : Current(Path.Combine(dataRoot, ExpressionCorpus.Name8), fingerprint);
        var six = force ? null : Current(Path.Combine(dataRoot, ExpressionCorpus.Name6), fingerprint);
        if (eight is null || six is null)
        {
            progress?.Report($"generating {ExpressionCorpus.Name8} and {ExpressionCorpus.Name6}: {options.Subjects} subjects at {options.ImageSize}px");
            (eight, six) = ExpressionCorpus.Generate(options, dataRoot, progress);
            generated = true;
        }
        else progress?.Report($"{ExpressionCorpus.Name8}: up to date ({eight.Rows.Count} images), reused");
        return new Result(faces, eight, six, generated, clock.Elapsed);
    }

    /// <summary>The dataset at <paramref name="folder"/> if it exists, is valid and was generated with <paramref name="fingerprint"/>.</summary>
    private static PreparedDataset? Current(string folder, JsonElement fingerprint)
    {
        if (!File.Exists(Path.Combine(folder, "dataset.json"))) return null;
        try
        {
            var dataset = PreparedDataset.Open(folder);
            var recorded = dataset.Info.Extra?.GetValueOrDefault("generator");
            return recorded is { } r && Compact(r) == Compact(fingerprint) ? dataset : null;
        }
        catch (DatasetFormatException) { return null; }   // damaged or hand-edited: generate afresh
    }

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
