using System.Globalization;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Experiments;

/// <summary>A kind of run: its method and the experiment's face net — what decides which settings a run uses.</summary>
public readonly record struct RunKind(MethodSpec Method, FaceNetSpec FaceNet);

/// <summary>
/// One named setting (<c>fn2en run --set name=value</c>, <c>settings.Set(name, value)</c> in a notebook): its name, doc
/// line, type, the paper's default, and which runs it decides. A setting that decides a run is recorded in that run's
/// config.json and so enters its id; one that does not (ExpNet's width for the fine-tuned face net, stage 2's rate for
/// stage 1) leaves the run's id alone. <see cref="Setting.All"/> lists them; <c>Setting.Declared.cs</c> declares the
/// general ones, <see cref="ScheduleSettings"/> each method's schedule.
/// </summary>
public abstract partial class Setting
{
    private readonly Func<RunKind, bool> decides;

    protected Setting(string name, string doc, Func<RunKind, bool>? decides)
    {
        Name = name;
        Doc = doc;
        this.decides = decides ?? (_ => false);
        IsPlan = decides is null;
    }

    public string Name { get; }
    /// <summary>One line: what it means, units, where the paper sets it.</summary>
    public string Doc { get; }
    /// <summary>True for a setting that shapes the plan (how many folds) but decides no single run.</summary>
    public bool IsPlan { get; }

    /// <summary>
    /// The canonical text of the value under which runs behave as they did before this setting existed, or null. A run
    /// configured with it leaves the setting out of its config.json and id, so adding the setting kept every earlier
    /// run's id (and a config without it reads as this value).
    /// </summary>
    public string? Neutral { get; protected set; }

    /// <summary>True when this setting's value decides runs of <paramref name="run"/>'s kind (it enters their config and id).</summary>
    public bool Decides(RunKind run) => decides(run);

    public abstract object DefaultValue { get; }
    /// <summary>The value of <paramref name="text"/> ("3e-4", "on", "all", …).</summary>
    /// <exception cref="ArgumentException">Not a valid value; the message names the setting and what is wrong.</exception>
    public abstract object Parse(string text);
    /// <summary>A value given in code (3e-4, 20, true or their text), checked.</summary>
    /// <exception cref="ArgumentException">Not a valid value; the message names the setting and what is wrong.</exception>
    public abstract object Convert(object value);
    /// <summary>The canonical text of a value: what config.json records and <c>--show-config</c> prints.</summary>
    public abstract string Format(object value);

    public override string ToString() => Name;

    /// <summary>The setting called <paramref name="name"/> (case and surrounding space ignored).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists every valid one.</exception>
    public static Setting Find(string name) => All.FirstOrDefault(s => s.Name == name.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"Unknown setting '{name}'. Valid names: {string.Join(", ", All.Select(s => s.Name))}.");

    /// <summary>Splits "name=value" as <c>--set</c> gives it.</summary>
    /// <exception cref="ArgumentException">No '=', an empty name or an unknown one.</exception>
    public static (Setting Setting, string Value) ParseAssignment(string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--set '{assignment}': expected name=value, e.g. stage1.lr=3e-4.");
        return (Find(assignment[..eq]), assignment[(eq + 1)..].Trim());
    }

    internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
    internal static string F(int v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A setting of type <typeparamref name="T"/>.</summary>
public sealed class Setting<T> : Setting where T : notnull
{
    private readonly Func<string, T> parse;
    private readonly Func<T, string> format;
    private readonly Func<T, string?> problem;

    /// <param name="name">The name (<c>stage1.lr</c>).</param>
    /// <param name="doc">One line for <c>--show-config</c> and docs/experiments.md.</param>
    /// <param name="default">The paper's value (the <c>paper</c> profile changes none), else the method's plain form.</param>
    /// <param name="decides">Which runs it decides; null for a plan setting that decides none.</param>
    /// <param name="parse">Text → value; throws <see cref="ArgumentException"/> naming the setting.</param>
    /// <param name="format">Value → canonical text.</param>
    /// <param name="problem">What is wrong with a value ("must be positive"), or null when it is valid.</param>
    public Setting(string name, string doc, T @default, Func<RunKind, bool>? decides, Func<string, T> parse, Func<T, string> format,
        Func<T, string?>? problem = null) : base(name, doc, decides)
    {
        (Default, this.parse, this.format, this.problem) = (@default, parse, format, problem ?? (_ => null));
    }

    public T Default { get; }
    public override object DefaultValue => Default;

    public override object Parse(string text) => Checked(parse(text.Trim()));

    public override object Convert(object value) => value switch
    {
        string text => Parse(text),   // before T: a string-valued setting's text is parsed (checked, normalised) too
        T typed => Checked(typed),
        IConvertible c when typeof(T) == typeof(double) => Checked((T)(object)c.ToDouble(CultureInfo.InvariantCulture)),
        IConvertible c when typeof(T) == typeof(int) && c.ToDouble(CultureInfo.InvariantCulture) is var d && d == Math.Round(d) =>
            Checked((T)(object)(int)d),
        _ => Parse(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    public override string Format(object value) => format((T)value);

    /// <summary>Declares <paramref name="neutral"/> the value that behaves as runs did before this setting (<see cref="Setting.Neutral"/>).</summary>
    internal Setting<T> LeftOutOfIdsAt(T neutral)
    {
        Neutral = format(Checked(neutral));
        return this;
    }

    private T Checked(T value) =>
        problem(value) is { } p ? throw new ArgumentException($"{Name}: {format(value)} must be {p}.") : value;
}
