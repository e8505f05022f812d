namespace FaceNet2ExpNet.Notebooks.Display;

/// <summary>One displayed value in several representations: MIME type → text (images as base64).</summary>
public sealed record MimeBundle(IReadOnlyList<KeyValuePair<string, string>> Data)
{
    /// <summary>A bundle with a single representation.</summary>
    public static MimeBundle Of(string mime, string value) => new([new(mime, value)]);

    /// <summary>The representation for a MIME type, or null.</summary>
    public string? this[string mime] => Data.FirstOrDefault(d => d.Key == mime).Value;
}
