namespace FaceNet2ExpNet.Reporting;

/// <summary>A PNG picture for notebooks: displayed as image/png by the headless runner, as an &lt;img&gt; by the kernel.</summary>
public sealed record PngImage(byte[] Bytes)
{
    /// <summary>An inline &lt;img&gt; tag (data URI), for HTML reports and the Polyglot kernel's HTML formatter.</summary>
    public string ToHtml() => $"<img src=\"data:image/png;base64,{Base64}\"/>";

    /// <summary>The PNG as base64 (how notebooks carry image/png).</summary>
    public string Base64 => Convert.ToBase64String(Bytes);
}
