using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceNet2ExpNet.Data;

/// <summary>How a dataset is evaluated: k folds by subject (CK+, Oulu-CASIA) or fixed train/valid/test splits (TFD, SFEW).</summary>
public enum Protocol
{
    [JsonStringEnumMemberName("kfold")] KFold,
    [JsonStringEnumMemberName("splits")] Splits,
}

/// <summary>dataset.json: what a prepared dataset is and how it is evaluated (the prepared-dataset contract, docs/dataset-format.md).</summary>
public sealed record DatasetInfo
{
    public required string Name { get; init; }
    /// <summary>Class names in label order.</summary>
    public required IReadOnlyList<string> Classes { get; init; }
    public Protocol Protocol { get; init; } = Protocol.KFold;
    /// <summary>Number of folds (k-fold) or of splits (fixed splits; SFEW has 1, TFD 5).</summary>
    public int Folds { get; init; } = 10;
    /// <summary>Side of the stored square images (256 for real data, as in the paper).</summary>
    public int ImageSize { get; init; } = 256;
    /// <summary>Where the images came from (dataset name and version, generator and seed, …).</summary>
    public string Source { get; init; } = "";
    /// <summary>How faces were normalised (alignment method, or "synthetic: rendered aligned").</summary>
    public string Normalisation { get; init; } = "";
    /// <summary>Free-form extra facts (generator settings, class counts, …).</summary>
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static DatasetInfo Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetFormatException($"{path}: not found. A prepared dataset needs dataset.json (the format: docs/dataset-format.md).");
        DatasetInfo? info;
        try { info = JsonSerializer.Deserialize<DatasetInfo>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new DatasetFormatException($"{path}: not valid dataset.json ({Imaging.SafeText.Escape(e.Message, 200)}; the format: docs/dataset-format.md)", e); }
        if (info is null) throw new DatasetFormatException($"{path}: empty.");
        return info.Validated(path);
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    private DatasetInfo Validated(string path)
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new DatasetFormatException($"{path}: 'name' is empty.");
        if (Classes is null || Classes.Count < 2) throw new DatasetFormatException($"{path}: 'classes' must list at least 2 class names in label order.");
        var dup = Classes.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new DatasetFormatException($"{path}: class {Imaging.SafeText.Quote(dup.Key)} is listed twice (class names are compared ignoring case).");
        if (Folds < 1) throw new DatasetFormatException($"{path}: 'folds' must be at least 1, got {Folds}.");
        if (Protocol == Protocol.KFold && Folds < 2) throw new DatasetFormatException($"{path}: k-fold protocol needs 'folds' ≥ 2, got {Folds}.");
        if (ImageSize < 8) throw new DatasetFormatException($"{path}: 'imageSize' {ImageSize} is too small.");
        return this;
    }
}
