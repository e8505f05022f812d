using System.Globalization;

namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// The kernel's formatter registry (the subset notebooks use): a formatter registered here is honoured by the
/// runner's display, and the same line registers it with the real kernel in Polyglot Notebooks.
/// </summary>
public static class Formatter
{
    private static readonly List<Registration> registrations = [];

    /// <summary>How many items of a sequence a table shows before "… (n more)" (the kernel's default: 20).</summary>
    public static int ListExpansionLimit { get; set; } = 20;

    /// <summary>Registers a formatter writing instances of <typeparamref name="T"/> as <paramref name="mimeType"/>.</summary>
    public static void Register<T>(Action<T, TextWriter> formatter, string mimeType = "text/plain", bool addToDefaults = false) =>
        Add(typeof(T), (value, writer) => formatter((T)value, writer), mimeType);

    /// <summary>Registers a formatter returning the <paramref name="mimeType"/> text of a <typeparamref name="T"/>.</summary>
    public static void Register<T>(Func<T, string> formatter, string mimeType = "text/plain", bool addToDefaults = false) =>
        Add(typeof(T), (value, writer) => writer.Write(formatter((T)value)), mimeType);

    /// <summary>Registers a formatter for instances of <paramref name="type"/> (and types deriving from it).</summary>
    public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = "text/plain", bool addToDefaults = false) =>
        Add(type, formatter, mimeType);

    /// <summary>Forgets registered formatters and restores the defaults (the runner calls this for each notebook).</summary>
    public static void ResetToDefault()
    {
        lock (registrations) registrations.Clear();
        ListExpansionLimit = 20;
    }

    /// <summary>The registered formatters' outputs for a value, one per MIME type (most specific type wins), or none.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Apply(object value)
    {
        List<Registration> candidates;
        lock (registrations) candidates = registrations.Where(r => r.Type.IsInstanceOfType(value)).ToList();
        var results = new List<KeyValuePair<string, string>>();
        foreach (var group in candidates.GroupBy(r => r.MimeType))
        {
            // Latest registration first; among them the most derived type (an exact match beats a base class).
            var best = group.Reverse().OrderByDescending(r => Depth(r.Type)).First();
            var writer = new StringWriter(CultureInfo.InvariantCulture);
            best.Format(value, writer);
            results.Add(new(group.Key, writer.ToString()));
        }
        return results;
    }

    private static void Add(Type type, Action<object, TextWriter> format, string mimeType)
    {
        lock (registrations) registrations.Add(new Registration(type, format, mimeType));
    }

    private static int Depth(Type type)
    {
        if (type.IsInterface) return 0;
        var depth = 1;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }

    private sealed record Registration(Type Type, Action<object, TextWriter> Format, string MimeType);
}
