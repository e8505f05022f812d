namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// A photo-like sheet of face images (the synthetic-data samples, the neuron portraits of Figs. 4–5) as JPEG, with a
/// caption saying what the rows and columns are. Notebooks show it as image/jpeg beside the caption as text/plain.
/// </summary>
/// <param name="Jpeg">The JPEG file's bytes.</param>
/// <param name="Caption">What is shown, one line per row or a short description.</param>
public sealed record ImageSheet(byte[] Jpeg, string Caption)
{
    /// <summary>The JPEG as base64, as notebooks carry image/jpeg.</summary>
    public string JpegBase64 => Convert.ToBase64String(Jpeg);

    public override string ToString() => Caption;
}
