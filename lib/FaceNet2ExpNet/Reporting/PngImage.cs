namespace FaceNet2ExpNet.Reporting;

/// <summary>A PNG picture for notebooks: shown as image/png by the headless runner and (via the notebooks' formatter) the kernel.</summary>
public sealed record PngImage(byte[] Bytes)
{
    /// <summary>The PNG as base64 (how notebooks carry image/png).</summary>
    public string Base64 => Convert.ToBase64String(Bytes);
}
