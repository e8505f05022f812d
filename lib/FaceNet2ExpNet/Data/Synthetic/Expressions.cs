namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// The eight CK+ classes in the paper's order (Table II) and their prototypical action units (after EMFACS):
/// e.g. happy = cheek raiser + lip corner puller, contempt = a one-sided lip corner, surprise = raised brows, widened
/// eyes and a dropped jaw.
/// </summary>
public static class Expressions
{
    public static readonly string[] CkPlus8 = ["anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise", "neutral"];
    public static readonly string[] CkPlus6 = ["anger", "disgust", "fear", "happy", "sadness", "surprise"];

    /// <summary>Labelled sequences per class in CK+ (327 in all); ×3 images each is Table II (happy: 69×3 = 207).</summary>
    public static readonly IReadOnlyDictionary<string, int> CkPlusSequences = new Dictionary<string, int>
    {
        ["anger"] = 45, ["contempt"] = 18, ["disgust"] = 59, ["fear"] = 25, ["happy"] = 69, ["sadness"] = 28, ["surprise"] = 83,
    };

    /// <summary>Peak action units of an expression (neutral: none).</summary>
    public static ActionUnits Prototype(string expression) => expression switch
    {
        "anger" => new() { [Au.BrowLower] = 1.0, [Au.UpperLidRaise] = 0.4, [Au.LidTighten] = 0.8, [Au.LipTighten] = 0.9, [Au.ChinRaise] = 0.4 },
        "contempt" => new() { [Au.LipCornerPullRight] = 0.8, [Au.DimpleRight] = 0.8 },
        "disgust" => new() { [Au.NoseWrinkle] = 1.0, [Au.UpperLipRaise] = 0.9, [Au.LipCornerDepress] = 0.5, [Au.ChinRaise] = 0.4, [Au.BrowLower] = 0.4, [Au.LidTighten] = 0.3 },
        "fear" => new() { [Au.InnerBrowRaise] = 0.9, [Au.OuterBrowRaise] = 0.6, [Au.BrowLower] = 0.5, [Au.UpperLidRaise] = 1.0, [Au.LipStretch] = 1.0, [Au.LipsPart] = 0.8, [Au.JawDrop] = 0.35 },
        "happy" => new() { [Au.CheekRaise] = 0.9, [Au.LipCornerPull] = 1.0, [Au.LipsPart] = 0.5, [Au.JawDrop] = 0.15 },
        "sadness" => new() { [Au.InnerBrowRaise] = 1.0, [Au.BrowLower] = 0.5, [Au.LipCornerDepress] = 1.0, [Au.ChinRaise] = 0.6, [Au.LidTighten] = 0.2 },
        "surprise" => new() { [Au.InnerBrowRaise] = 1.0, [Au.OuterBrowRaise] = 1.0, [Au.UpperLidRaise] = 0.9, [Au.LipsPart] = 1.0, [Au.JawDrop] = 1.0 },
        "neutral" => ActionUnits.None,
        _ => throw new ArgumentException($"Unknown expression '{expression}'; expected one of {string.Join(", ", CkPlus8)}."),
    };

    /// <summary>
    /// A person's own version of an expression at a given peak intensity: each AU of the prototype varied by ±25 %, plus
    /// faint unrelated AUs (people are never perfectly prototypical).
    /// </summary>
    public static ActionUnits Posed(string expression, double intensity, Random rng)
    {
        var styled = Prototype(expression).Styled(_ => 0.75 + 0.5 * rng.NextDouble()).Scaled(intensity);
        var noise = new ActionUnits();
        var extra = noise;
        foreach (var au in Enum.GetValues<Au>())
            if (rng.NextDouble() < 0.15) extra = extra.Plus(new ActionUnits { [au] = 0.15 * rng.NextDouble() });
        return styled.Plus(extra);
    }

    /// <summary>A random expression of random intensity (the face-recognition corpus: expression is a nuisance there).</summary>
    public static ActionUnits Random(Random rng)
    {
        var expression = CkPlus8[rng.Next(CkPlus8.Length)];
        return Posed(expression, rng.NextDouble(), rng);
    }
}
