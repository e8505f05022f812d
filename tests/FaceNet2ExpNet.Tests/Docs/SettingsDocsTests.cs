using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Docs;

/// <summary>docs/experiments.md's settings tables are the registry's (Setting.All, Profile.All), not a hand-kept copy.</summary>
public class SettingsDocsTests
{
    private const string Start = "<!-- settings tables: generated from Setting.All and Profile.All by SettingsDescription.MarkdownTable(); a test keeps them equal -->";
    private const string End = "<!-- end of settings tables -->";

    [Fact]
    public void The_settings_tables_in_docs_are_generated_from_the_registry()
    {
        var path = Path.Combine(Repo.Root, "docs", "experiments.md");
        var text = File.ReadAllText(path);
        var (from, to) = (text.IndexOf(Start, StringComparison.Ordinal), text.IndexOf(End, StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from, $"{path}: the generated-section markers are missing");
        var current = text[(from + Start.Length)..to].Trim();
        var generated = SettingsDescription.MarkdownTable();
        if (current != generated && Environment.GetEnvironmentVariable("FN2EN_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(from + Start.Length)] + "\n" + generated + "\n" + text[to..]);
            return;
        }
        Assert.True(current == generated,
            $"{path}'s settings tables differ from the registry: regenerate them with FN2EN_UPDATE_DOCS=1 dotnet test --filter SettingsDocsTests");
    }

    [Fact]
    public void Every_setting_is_in_the_table_with_its_doc_line_and_the_runs_it_decides()
    {
        var table = SettingsDescription.MarkdownTable();
        foreach (var s in Setting.All) Assert.Contains($"| `{s.Name}` |", table);
        Assert.Contains("| `width` |", table);
        Assert.Matches(@"\| `stage2\.lr` \| [^|]+ \| `fn2en` \| `0\.0001` \|", table);   // stage 2's rate decides stage-2 runs only
        Assert.Matches(@"\| `folds` \| [^|]+ \| the plan \(no run\) \|", table);
    }
}
