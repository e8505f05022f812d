namespace FaceNet2ExpNet.Data;

/// <summary>What an image is used for in one split of a fixed-splits protocol.</summary>
public enum SplitRole { Unused, Train, Valid, Test }

/// <summary>
/// One line of manifest.csv: path,label,subject,sequence,frame,fold. For k-fold datasets <see cref="TestFold"/> is the fold
/// in which the image is a test image; for fixed splits <see cref="Roles"/> holds its role in each split
/// (written "train/test/valid/-/train", one entry per split).
/// </summary>
public sealed record ManifestRow(
    string Path, int Label, string Subject, string Sequence, int Frame, int TestFold, IReadOnlyList<SplitRole> Roles, int Line = 0)
{
    /// <summary>"manifest.csv row 214 (line 215)": where this row is, for error messages.</summary>
    public string Where(string manifestPath) => $"{manifestPath} row {Line - 1} (line {Line})";

    public static readonly string[] Columns = ["path", "label", "subject", "sequence", "frame", "fold"];

    /// <summary>Text of the fold column for this row.</summary>
    public string FoldText => Roles.Count == 0
        ? TestFold < 0 ? "-" : TestFold.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Join("/", Roles.Select(RoleText));

    public static string RoleText(SplitRole r) => r switch
    {
        SplitRole.Train => "train", SplitRole.Valid => "valid", SplitRole.Test => "test", _ => "-",
    };

    public static SplitRole? ParseRole(string s) => s.Trim().ToLowerInvariant() switch
    {
        "train" => SplitRole.Train, "valid" or "val" => SplitRole.Valid, "test" => SplitRole.Test, "-" or "" => SplitRole.Unused, _ => null,
    };
}
