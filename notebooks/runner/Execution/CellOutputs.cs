using System.Text;
using System.Text.Json.Nodes;
using FaceNet2ExpNet.Notebooks.Display;
using FaceNet2ExpNet.Notebooks.Format;
using Microsoft.DotNet.Interactive;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>
/// The outputs of the running cell, in the order they happen: console text (consecutive writes to one stream merge
/// into one stream output, as in Jupyter) interleaved with displayed values. Thread-safe: cells may print from tasks.
/// </summary>
public sealed class CellOutputs
{
    private readonly List<object> items = [];   // StringBuilder (stream text) tagged by name, or MimeBundle, or JsonObject
    private readonly List<string?> streamNames = [];

    /// <summary>The running cell's outputs (what the kernel helpers write to); null between cells.</summary>
    public static CellOutputs? Current { get; set; }

    /// <summary>Appends console text to the stream ("stdout" or "stderr").</summary>
    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (items)
        {
            if (items.Count > 0 && streamNames[^1] == stream) ((StringBuilder)items[^1]).Append(text);
            else Add(new StringBuilder(text), stream);
        }
    }

    /// <summary>Appends a displayed value; the returned handle can replace it later.</summary>
    public DisplayedValue Display(MimeBundle bundle)
    {
        lock (items) return new DisplayedValue(this, Add(bundle, null));
    }

    /// <summary>Replaces a displayed value (DisplayedValue.Update).</summary>
    public void Replace(int index, MimeBundle bundle)
    {
        lock (items) if (index >= 0 && index < items.Count && items[index] is MimeBundle) items[index] = bundle;
    }

    /// <summary>Appends a ready-made output (the return value or an error).</summary>
    public void Add(JsonObject output)
    {
        lock (items) Add((object)output, null);
    }

    /// <summary>The outputs as Jupyter JSON.</summary>
    public List<JsonObject> ToJson()
    {
        lock (items)
            return items.Select((item, i) => item switch
            {
                StringBuilder text => CellOutput.Stream(streamNames[i]!, text.ToString()),
                MimeBundle bundle => CellOutput.DisplayData(bundle.Data),
                _ => (JsonObject)((JsonObject)item).DeepClone(),
            }).ToList();
    }

    private int Add(object item, string? stream)
    {
        items.Add(item);
        streamNames.Add(stream);
        return items.Count - 1;
    }
}
