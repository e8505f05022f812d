using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks;

/// <summary>Fine-tuning's copy of a pretrained net: every weight but the last layer's, which stays freshly drawn.</summary>
internal static class LastLayerSwap
{
    /// <summary>
    /// Loads <paramref name="source"/>'s state into <paramref name="copy"/> except the entries under
    /// <paramref name="lastLayerPrefix"/> (e.g. "classifier."), and moves the copy to the source's device.
    /// </summary>
    public static T CopyAllBut<T>(nn.Module source, T copy, string lastLayerPrefix) where T : nn.Module
    {
        var state = source.state_dict().Where(kv => !kv.Key.StartsWith(lastLayerPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        copy.load_state_dict(state, strict: false);
        copy.to(state.Values.First().device);
        return copy;
    }
}
