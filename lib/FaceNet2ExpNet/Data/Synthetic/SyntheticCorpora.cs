using System.Diagnostics;
using System.Text.Json;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// The embedded default data: generates the face-recognition corpus, the CK+-like expression corpora and the
/// JAFFE-sized small variant under a data folder, reusing any that already match the requested options (dataset.json records the generator settings).
/// </summary>
public static class SyntheticCorpora
{
    public sealed record Result(PreparedDataset Faces, PreparedDataset Expressions8, PreparedDataset Expressions6, PreparedDataset Small, bool Generated, TimeSpan Elapsed);

    /// <summary>
    /// The corpora of <paramref name="options"/> under <paramref name="dataRoot"/>: reused when current, generated when
    /// missing (or damaged). A folder holding something else — corpora generated with other options, or a dataset not
    /// generated here — is never replaced unless <paramref name="force"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A corpus folder holds other data and <paramref name="force"/> is false (the message names it and the way out).</exception>
    public static Result Ensure(SyntheticOptions options, string dataRoot, bool force = false, IProgress<string>? progress = null)
    {
        options = options.Validated();
        if (!force)
            foreach (var (name, expected) in new[]
                     {
                         (FaceRecognitionCorpus.Name, FaceRecognitionCorpus.Fingerprint(options)), (ExpressionCorpus.Name8, ExpressionCorpus.Fingerprint(options)),
                         (ExpressionCorpus.Name6, ExpressionCorpus.Fingerprint(options)), (SmallExpressionCorpus.Name, SmallExpressionCorpus.Fingerprint(options)),
                     })
                if (Other(Path.Combine(dataRoot, name), expected) is { } other)
                    throw new InvalidOperationException($"{Path.Combine(dataRoot, name)} holds {other}, not the corpus asked for ({options.ImageSize} px, " +
                                                        $"{options.Subjects} subjects, {options.Identities} identities): use another --data folder, or --force to replace it.");
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

        var small = force ? null : Current(Path.Combine(dataRoot, SmallExpressionCorpus.Name), SmallExpressionCorpus.Fingerprint(options));
        if (small is null)
        {
            progress?.Report($"generating {SmallExpressionCorpus.Name}: {SmallExpressionCorpus.Subjects} subjects at {options.ImageSize}px (JAFFE-sized)");
            small = SmallExpressionCorpus.Generate(options, dataRoot, progress);
            generated = true;
        }
        else progress?.Report($"{SmallExpressionCorpus.Name}: up to date ({small.Rows.Count} images), reused");
        return new Result(faces, eight, six, small, generated, clock.Elapsed);
    }

    /// <summary>What <paramref name="folder"/> holds when it is a valid dataset other than the corpus of <paramref name="fingerprint"/>; else null.</summary>
    private static string? Other(string folder, JsonElement fingerprint)
    {
        if (!File.Exists(Path.Combine(folder, "dataset.json"))) return null;
        PreparedDataset dataset;
        try { dataset = PreparedDataset.Open(folder); }
        catch (DatasetFormatException) { return null; }   // damaged: generated afresh
        var recorded = dataset.Info.Extra?.GetValueOrDefault("generator");
        if (recorded is { } r && Compact(r) == Compact(fingerprint)) return null;
        return recorded is null
            ? $"a dataset not generated here ({dataset.Rows.Count} images, source: {dataset.Info.Source})"
            : $"corpora generated with other settings ({dataset.Rows.Count} images at {dataset.Info.ImageSize} px)";
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
