using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Experiments;

/// <summary>Every setting as one line — name, value, overridden or not, the runs it decides — what <c>fn2en run --show-config</c> prints.</summary>
public static class SettingsDescription
{
    /// <summary>"name  value  (--set)  → runs it decides" lines for every setting (<see cref="Setting.All"/>).</summary>
    public static string Of(SettingValues effective, SettingValues overrides, FaceNetSpec faceNet)
    {
        var width = Setting.All.Max(s => s.Name.Length);
        var valueWidth = Setting.All.Max(s => effective.Text(s).Length);
        var runs = Methods.All.Where(m => m.PerFold || !faceNet.Pretrained).ToList();
        return string.Join("\n", Setting.All.Select(s =>
        {
            var mark = overrides.Has(s) ? "(--set)" : "";
            var decided = s.IsPlan ? "the plan" : string.Join(", ", runs.Where(m => s.Decides(new RunKind(m, faceNet))).Select(m => m.Key));
            return $"{s.Name.PadRight(width)}  {effective.Text(s).PadRight(valueWidth)}  {mark,-7}  → {(decided.Length == 0 ? "no run" : decided)}";
        }));
    }

    /// <summary>
    /// docs/experiments.md's settings tables, generated from the registry: every setting (name, meaning, the runs it
    /// decides, the declared default), then each profile's values that differ from those defaults, per face net.
    /// </summary>
    public static string MarkdownTable()
    {
        var lines = new List<string> { "| name | meaning | decides the runs of | default (the paper's) |", "|---|---|---|---|" };
        foreach (var s in Setting.All)
        {
            var decided = s.IsPlan ? "the plan (no run)" : string.Join(", ", Methods.All.Select(m =>
            {
                var nets = FaceNets.Specs.Where(n => s.Decides(new RunKind(m, n))).ToList();
                return nets.Count == 0 ? null : nets.Count == FaceNets.Specs.Count ? $"`{m.Key}`" : $"`{m.Key}` (with {string.Join(", ", nets.Select(n => n.Name))})";
            }).OfType<string>());
            lines.Add($"| `{s.Name}` | {s.Doc.Replace("|", "\\|")} | {decided} | `{s.Format(s.DefaultValue)}` |");
        }
        lines.Add("");
        lines.Add("| profile | face net | values that differ from the defaults |");
        lines.Add("|---|---|---|");
        foreach (var profile in Profile.All)
        foreach (var net in FaceNets.Specs)
        {
            var values = profile.Resolve(net.Name);
            var changed = Setting.All.Where(s => !s.IsPlan || values.Has(s))
                .Where(s => Methods.All.Any(m => (m.PerFold || !net.Pretrained) && s.Decides(new RunKind(m, net))) || s.IsPlan)
                .Where(s => s.Format(values.Get(s)) != s.Format(s.DefaultValue)).Select(s => $"`{s.Name}={values.Text(s)}`");
            lines.Add($"| {profile.Name} | {net.Name} | {string.Join(" ", changed)} |");
        }
        return string.Join("\n", lines);
    }
}
