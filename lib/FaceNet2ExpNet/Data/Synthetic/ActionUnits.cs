namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>Facial action units (after FACS) that the renderer can show; "Right" ones act on one side only.</summary>
public enum Au
{
    InnerBrowRaise,      // AU1
    OuterBrowRaise,      // AU2
    BrowLower,           // AU4
    UpperLidRaise,       // AU5
    CheekRaise,          // AU6
    LidTighten,          // AU7
    NoseWrinkle,         // AU9
    UpperLipRaise,       // AU10
    LipCornerPull,       // AU12, both sides
    LipCornerPullRight,  // unilateral AU12 (contempt)
    DimpleRight,         // unilateral AU14 (contempt)
    LipCornerDepress,    // AU15
    ChinRaise,           // AU17
    LipStretch,          // AU20
    LipTighten,          // AU23/24
    LipsPart,            // AU25
    JawDrop,             // AU26/27
}

/// <summary>An intensity in [0, 1] for every <see cref="Au"/>.</summary>
public sealed class ActionUnits
{
    public static readonly int Count = Enum.GetValues<Au>().Length;
    private readonly double[] values;

    public ActionUnits() => values = new double[Count];
    private ActionUnits(double[] v) => values = v;

    public double this[Au au]
    {
        get => values[(int)au];
        init => values[(int)au] = Math.Clamp(value, 0, 1);
    }

    public static ActionUnits None { get; } = new();

    /// <summary>Every intensity multiplied by <paramref name="k"/> (expression onset: 0 = neutral, 1 = peak).</summary>
    public ActionUnits Scaled(double k) => new(values.Select(v => Math.Clamp(v * k, 0, 1)).ToArray());

    /// <summary>Each intensity multiplied by its own factor (per-person style of the same expression).</summary>
    public ActionUnits Styled(Func<Au, double> factor) =>
        new(values.Select((v, i) => Math.Clamp(v * factor((Au)i), 0, 1)).ToArray());

    public ActionUnits Plus(ActionUnits other) => new(values.Zip(other.values, (a, b) => Math.Clamp(a + b, 0, 1)).ToArray());

    public double Max => values.Max();
}
