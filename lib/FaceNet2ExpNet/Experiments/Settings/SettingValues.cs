using System.Collections.Immutable;

namespace FaceNet2ExpNet.Experiments;

/// <summary>Something settings can be read from: a set of values, or a run's config.</summary>
public interface ISettingSource
{
    /// <summary>The value of <paramref name="setting"/>.</summary>
    T Get<T>(Setting<T> setting) where T : notnull;
}

/// <summary>
/// Values of settings by name (immutable): a profile's, a face net's, overrides, or the effective settings of an
/// experiment. A setting without a value here has its declared default.
/// </summary>
public sealed class SettingValues : ISettingSource
{
    private readonly ImmutableSortedDictionary<string, object> values;

    private SettingValues(ImmutableSortedDictionary<string, object> values) => this.values = values;

    public static SettingValues Empty { get; } = new(ImmutableSortedDictionary.Create<string, object>(StringComparer.Ordinal));

    public T Get<T>(Setting<T> setting) where T : notnull => values.TryGetValue(setting.Name, out var v) ? (T)v : setting.Default;

    /// <summary>The value of <paramref name="setting"/> as an object (its default when unset).</summary>
    public object Get(Setting setting) => values.TryGetValue(setting.Name, out var v) ? v : setting.DefaultValue;

    /// <summary>True when <paramref name="setting"/> has a value here (rather than its default).</summary>
    public bool Has(Setting setting) => values.ContainsKey(setting.Name);

    /// <summary>The names set here.</summary>
    public IEnumerable<string> Names => values.Keys;

    /// <summary>These values with <paramref name="setting"/> = <paramref name="value"/> (checked).</summary>
    /// <exception cref="ArgumentException">An invalid value; the message names the setting.</exception>
    public SettingValues With<T>(Setting<T> setting, T value) where T : notnull => new(values.SetItem(setting.Name, setting.Convert(value)));

    /// <summary>These values with <paramref name="setting"/> = <paramref name="value"/>: a typed value (3e-4, 20, true) or its text ("3e-4").</summary>
    /// <exception cref="ArgumentException">An invalid value; the message names the setting.</exception>
    public SettingValues With(Setting setting, object value) => new(values.SetItem(setting.Name, setting.Convert(value)));

    /// <summary>These values with the setting named <paramref name="name"/> set (see <see cref="With(Setting, object)"/>).</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones) or an invalid value.</exception>
    public SettingValues With(string name, object value) => With(Setting.Find(name), value);

    /// <summary>These values with every one of <paramref name="later"/> on top.</summary>
    public SettingValues With(SettingValues later) => new(values.SetItems(later.values));

    /// <summary>These values with <paramref name="method"/>'s whole schedule set.</summary>
    public SettingValues With(MethodSpec method, Schedule schedule) => method.Schedule.Write(this, schedule);

    /// <summary><paramref name="method"/>'s schedule in these values.</summary>
    public Schedule ScheduleOf(MethodSpec method) => method.Schedule.Read(this);

    /// <summary>The canonical text of <paramref name="setting"/>'s value.</summary>
    public string Text(Setting setting) => setting.Format(Get(setting));

    /// <summary>Values from (setting, value) pairs, each checked.</summary>
    public static SettingValues Of(params (Setting Setting, object Value)[] pairs) =>
        pairs.Aggregate(Empty, (v, p) => v.With(p.Setting, p.Value));

    public override string ToString() => string.Join(", ", values.Select(kv => $"{kv.Key}={Setting.Find(kv.Key).Format(kv.Value)}"));
}
