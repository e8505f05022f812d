namespace FaceNet2ExpNet.NotebookTool;

/// <summary>Whether a notebook's cells are its source's cells (kind and text), outputs aside.</summary>
public static class SourceMatch
{
    /// <summary>The first difference ("cell 3 differs: …"), or null when every cell matches.</summary>
    public static string? Difference(IReadOnlyList<SourceCell> source, IReadOnlyList<SourceCell> notebook)
    {
        for (var i = 0; i < Math.Min(source.Count, notebook.Count); i++)
        {
            if (source[i].Kind != notebook[i].Kind) return $"cell {i + 1} is {notebook[i].Kind} in the .ipynb but {source[i].Kind} in the .dib";
            if (source[i].Text != notebook[i].Text) return $"cell {i + 1} differs: .dib \"{Start(source[i].Text)}\", .ipynb \"{Start(notebook[i].Text)}\"";
        }
        return source.Count == notebook.Count ? null : $"the .dib has {source.Count} cells, the .ipynb {notebook.Count}";
    }

    private static string Start(string text) => text.Length <= 60 ? text.Replace("\n", "⏎") : text[..60].Replace("\n", "⏎") + "…";
}
