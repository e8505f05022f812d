namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>The face normalisations data-prep offers, by name: "face-api" (detector + landmarks) or "centre-crop" (none).</summary>
public static class Aligners
{
    public static IReadOnlyList<string> Names { get; } = ["face-api", "centre-crop"];

    /// <summary>The aligner called <paramref name="name"/> (face-api loads its nets from the installed models).</summary>
    public static IFaceAligner Create(string name, string? modelsDir = null) => name switch
    {
        "face-api" => new FaceApiAligner(modelsDir),
        "centre-crop" => new CentreCropAligner(),
        _ => throw new ArgumentException($"Unknown aligner '{name}'; choose one of {string.Join(", ", Names)}."),
    };
}
