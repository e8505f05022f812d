using System.Globalization;

namespace FaceNet2ExpNet.Experiments;

public abstract partial class Setting
{
    /// <summary>A real-valued setting; <paramref name="problem"/> says what an invalid value must be.</summary>
    public static Setting<double> Real(string name, string doc, double @default, Func<RunKind, bool>? decides, Func<double, string?>? problem = null) =>
        new(name, doc, @default, decides, v => ParseReal(name, v), F, problem);

    /// <summary>A whole-number setting.</summary>
    public static Setting<int> Int(string name, string doc, int @default, Func<RunKind, bool>? decides, Func<int, string?>? problem = null) =>
        new(name, doc, @default, decides, v => ParseInt(name, v), F, problem);

    /// <summary>A true/false setting (also on/off, yes/no, 1/0); recorded as "true"/"false".</summary>
    public static Setting<bool> Bool(string name, string doc, bool @default, Func<RunKind, bool>? decides) =>
        new(name, doc, @default, decides, v => ParseBool(name, v, "true or false"), v => v ? "true" : "false");

    /// <summary>An on/off switch; recorded as "on"/"off".</summary>
    public static Setting<bool> Switch(string name, string doc, bool @default, Func<RunKind, bool>? decides) =>
        new(name, doc, @default, decides, v => ParseBool(name, v, "on or off"), v => v ? "on" : "off");

    /// <summary>One of a fixed set of words.</summary>
    public static Setting<string> Choice(string name, string doc, string @default, Func<RunKind, bool>? decides, params string[] choices) =>
        new(name, doc, @default, decides, v => choices.Contains(v.ToLowerInvariant()) ? v.ToLowerInvariant()
            : throw new ArgumentException($"{name}: '{v}' is not one of {string.Join(", ", choices)}."), v => v);

    /// <summary>A free word (a layer name, …), checked where it is used.</summary>
    public static Setting<string> Word(string name, string doc, string @default, Func<RunKind, bool>? decides) =>
        new(name, doc, @default, decides, v => v.Length > 0 && !v.Any(char.IsWhiteSpace) ? v
            : throw new ArgumentException($"{name}: '{v}' is not a name."), v => v);

    /// <summary>A real number or "none" (e.g. no gradient clipping).</summary>
    public static Setting<double> RealOrNone(string name, string doc, double? @default, Func<RunKind, bool>? decides) =>
        new(name, doc, @default ?? double.PositiveInfinity, decides,
            v => v.ToLowerInvariant() is "none" or "off" or "null" ? double.PositiveInfinity : ParseReal(name, v),
            v => double.IsPositiveInfinity(v) ? "none" : F(v), Positive);

    internal static string? Positive(double v) => v > 0 ? null : "positive";
    internal static string? Positive(int v) => v > 0 ? null : "positive";
    internal static string? NonNegative(int v) => v >= 0 ? null : "0 or more";
    internal static Func<double, string?> InRange(double lo, double hi) => v => v >= lo && v <= hi ? null : $"between {F(lo)} and {F(hi)}";

    private static double ParseReal(string name, string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
            : throw new ArgumentException($"{name}: '{v}' is not a number.");

    private static int ParseInt(string name, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
            : throw new ArgumentException($"{name}: '{v}' is not a whole number.");

    private static bool ParseBool(string name, string v, string expected) => v.ToLowerInvariant() switch
    {
        "on" or "true" or "1" or "yes" => true,
        "off" or "false" or "0" or "no" => false,
        _ => throw new ArgumentException($"{name}: '{v}' is not {expected}."),
    };
}
