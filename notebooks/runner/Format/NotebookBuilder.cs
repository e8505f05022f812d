using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>
/// Writes Polyglot notebooks from code: markdown and C# cells with the metadata VS Code's Polyglot Notebooks extension
/// writes (nbformat 4.5, kernelspec .net-csharp, polyglot_notebook kernel info), so they open ready to run.
/// <code>
/// new NotebookBuilder()
///     .Markdown("# Which layer should supervise stage 1?")
///     .Code("#r \"nuget: Plotly.NET, 6.0.0\"")
///     .Save("notebooks/02-layer-selection.ipynb");
/// </code>
/// </summary>
public sealed class NotebookBuilder
{
    private readonly JsonArray cells = [];

    /// <summary>Appends a markdown cell.</summary>
    public NotebookBuilder Markdown(string text)
    {
        cells.Add(new JsonObject
        {
            ["cell_type"] = "markdown",
            ["metadata"] = new JsonObject(),
            ["source"] = Multiline.ToLines(Trim(text)),
        });
        return this;
    }

    /// <summary>Appends a C# code cell (not executed: no outputs, execution_count null).</summary>
    public NotebookBuilder Code(string code)
    {
        cells.Add(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            },
            ["outputs"] = new JsonArray(),
            ["source"] = Multiline.ToLines(Trim(code)),
        });
        return this;
    }

    /// <summary>The notebook built so far.</summary>
    public Notebook Build(string name = "notebook.ipynb")
    {
        var root = new JsonObject
        {
            ["cells"] = cells.DeepClone(),
            ["metadata"] = PolyglotMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return Notebook.Parse(root.ToJsonString(), name);
    }

    /// <summary>The notebook as .ipynb text.</summary>
    public string ToJson() => Build().ToJson();

    /// <summary>Writes the notebook (creating the folder if needed).</summary>
    public void Save(string path) => Build(Path.GetFileName(path)).Save(path);

    /// <summary>The notebook-level metadata of a C# Polyglot notebook, as VS Code writes it.</summary>
    public static JsonObject PolyglotMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };

    private static string Trim(string text) => text.Replace("\r\n", "\n").TrimEnd('\n');
}
