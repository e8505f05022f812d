using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>
/// Cell ids (required from nbformat 4.5): 8 hex digits derived from the cell's type and text, so regenerating a
/// notebook keeps the ids of unchanged cells and diffs stay small. Repeats get a "-2", "-3"… suffix.
/// </summary>
public static class CellIds
{
    /// <summary>Gives every cell without an id one; existing ids are kept.</summary>
    public static void Assign(JsonArray cells)
    {
        var used = cells.OfType<JsonObject>().Select(c => c["id"]?.GetValue<string>()).OfType<string>().ToHashSet();
        foreach (var cell in cells.OfType<JsonObject>())
        {
            if (cell["id"] is not null) continue;
            var baseId = Hash(cell["cell_type"]?.GetValue<string>() + "\n" + Multiline.Join(cell["source"]));
            var id = baseId;
            for (var k = 2; used.Contains(id); k++) id = $"{baseId}-{k}";
            used.Add(id);
            cell["id"] = id;
        }
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
