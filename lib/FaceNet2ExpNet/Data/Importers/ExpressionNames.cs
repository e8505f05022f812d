using FaceNet2ExpNet.Data.Synthetic;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>
/// The class sets of the real datasets, in the paper's order (Table II: An Co Di Fe Ha Sa Su Ne), and the folder names
/// the distributions and redistributed copies use for them ("Angry", "Happiness", "sad", "surprised", "fearful", …,
/// and JAFFE's and KDEF's two-letter codes AN, DI, FE/AF, HA, NE, SA, SU).
/// </summary>
public static class ExpressionNames
{
    /// <summary>CK+ with contempt and neutral (Table III, second block); the same order as the synthetic CK+-like corpus.</summary>
    public static IReadOnlyList<string> CkPlus8 => Expressions.CkPlus8;

    /// <summary>The six basic expressions (CK+ six-class block, Oulu-CASIA).</summary>
    public static IReadOnlyList<string> Basic6 => Expressions.CkPlus6;

    /// <summary>The six basic expressions plus neutral (TFD, SFEW, FER2013): Table II's order without contempt.</summary>
    public static readonly string[] Basic7 = ["anger", "disgust", "fear", "happy", "sadness", "surprise", "neutral"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["anger"] = "anger", ["angry"] = "anger",
        ["contempt"] = "contempt", ["contemptuous"] = "contempt",
        ["disgust"] = "disgust", ["disgusted"] = "disgust",
        ["fear"] = "fear", ["fearful"] = "fear", ["afraid"] = "fear", ["scared"] = "fear",
        ["happy"] = "happy", ["happiness"] = "happy", ["joy"] = "happy",
        ["sadness"] = "sadness", ["sad"] = "sadness",
        ["surprise"] = "surprise", ["surprised"] = "surprise",
        ["neutral"] = "neutral", ["neutrality"] = "neutral",
        // JAFFE's codes (KA.AN1.39.tiff: AN DI FE HA NE SA SU) and KDEF's (AF01ANS.JPG: AF AN DI HA NE SA SU), as copies
        // sorted into class folders are often named.
        ["AN"] = "anger", ["DI"] = "disgust", ["FE"] = "fear", ["AF"] = "fear", ["HA"] = "happy", ["NE"] = "neutral", ["SA"] = "sadness", ["SU"] = "surprise",
    };

    /// <summary>The class a folder name stands for ("Angry" → anger, "Happiness" → happy), or null if it names none.</summary>
    public static string? FromFolder(string name) => Aliases.GetValueOrDefault(name.Trim());
}
