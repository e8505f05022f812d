using System.Text.RegularExpressions;
using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// The subject of an image, read from its file name: by default the leading token up to the first '_', '.' or '-'
/// (S010_004_00000017.png → S010, JAFFE's KA.AN1.39.tiff → KA), or a regular expression's named group "subject"
/// (KDEF's AF01ANS.JPG: ^(?&lt;subject&gt;[AB][FM]\d\d)). By default a name without such a separator before its
/// extension (1.png, KDEF's AF01ANS.JPG) or whose token is a camera's file prefix (IMG_0001.jpg, DSC_0042.JPG) holds no
/// subject: taken as one, every image (or every camera) would pass for a person and the folds would only claim to be
/// subject-independent.
/// </summary>
public sealed partial class SubjectNames
{
    private readonly Regex? pattern;

    /// <summary>Leading tokens that cameras and phones give every photo (compared ignoring case).</summary>
    private static readonly HashSet<string> CameraPrefixes = new(StringComparer.OrdinalIgnoreCase)
        { "IMG", "IMAGE", "DSC", "DSCN", "DSCF", "DCIM", "PXL", "MVIMG", "PANO", "PHOTO", "PIC", "SNAPCHAT", "VID" };

    /// <summary>The default: the file name's leading token.</summary>
    public SubjectNames() { }

    /// <summary>A pattern with a named group "subject", matched against the file name (with its extension); an error if it has no such group.</summary>
    public SubjectNames(string pattern)
    {
        try { this.pattern = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new ArgumentException($"--subject-regex {SafeText.Quote(pattern)}: not a valid regular expression ({e.Message}).", e); }
        if (!this.pattern.GetGroupNames().Contains("subject"))
            throw new ArgumentException($"--subject-regex {SafeText.Quote(pattern)}: needs a named group 'subject', e.g. ^(?<subject>S\\d+)_.");
    }

    /// <summary>How subjects are read, for dataset.json and the printout.</summary>
    public string Description => pattern is null
        ? "the file name's leading token (up to the first '_', '.' or '-')"
        : $"the group 'subject' of the regular expression {pattern} matched against the file name";

    /// <summary>The subject of <paramref name="file"/>; an error naming the file when it has none.</summary>
    public string Of(string file)
    {
        var name = Path.GetFileName(file);
        string subject, why;
        if (pattern is not null)
        {
            Match m;
            try { m = pattern.Match(name); }
            catch (RegexMatchTimeoutException e)
            {
                throw new ArgumentException($"--subject-regex {SafeText.Quote(pattern.ToString())}: matching it against {SafeText.Quote(name)} took over " +
                                            $"{pattern.MatchTimeout.TotalSeconds:0} s (nested quantifiers such as (a+)+ backtrack without end); simplify it.", e);
            }
            (subject, why) = (m.Success ? m.Groups["subject"].Value : "", Description);
        }
        else
        {
            var stem = Path.GetFileNameWithoutExtension(name);
            subject = LeadingToken().Match(stem).Value;
            why = Description;
            if (subject.Length == stem.Length)
                (subject, why) = ("", $"no '_', '.' or '-' after a leading token, so the whole name {SafeText.Quote(stem)} would be the subject " +
                                      "and every image a person of its own");
            else if (CameraPrefixes.Contains(subject))
                (subject, why) = ("", $"{SafeText.Quote(subject)} is the prefix a camera or phone gives every photo, not a person");
        }
        if (subject.Length == 0)
            throw new InvalidDataException($"{SafeText.Escape(file)}: no subject in the file name ({why}). Give --subject-regex with a group " +
                                           "(?<subject>…), or --no-subjects to make folds per image.");
        return SafeText.Escape(subject);
    }

    [GeneratedRegex(@"^[^_.\-]+")]
    private static partial Regex LeadingToken();
}
