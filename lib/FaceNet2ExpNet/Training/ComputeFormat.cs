using System.Text.Json.Serialization;
using FaceNet2ExpNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>The arithmetic of training steps and evaluation: fp32 throughout, or bf16 mixed precision (<see cref="Autocast"/>).</summary>
public enum Precision
{
    [JsonStringEnumMemberName("fp32")] Fp32,
    [JsonStringEnumMemberName("bf16")] Bf16,
}

/// <summary>
/// How a run computes — its <see cref="Precision"/> and memory format — as settings (<c>precision</c>,
/// <c>channels_last</c>) that training and evaluation both follow. Neither changes the model's parameters: they stay
/// fp32 in the default (NCHW) layout, so checkpoints and state dicts are the same whichever is chosen.
/// <list type="bullet">
/// <item><b>bf16</b>: the forward pass and the loss run under libtorch's autocast to bfloat16 (convolutions and linear
/// layers in bf16, losses in fp32, fp32 master weights and gradients). A frozen teacher called inside the loss
/// (stage 1) runs its inference in bf16 too. Layers this libtorch computes wrongly in bf16 run in fp32 inside the
/// region (<see cref="Bf16Support"/>, set up by <see cref="PreparedFor"/>). bf16 has fp32's exponent range, so no loss
/// scaling is needed.</item>
/// <item><b>channels-last</b>: every input batch is laid out NHWC in memory (PyTorch's <c>channels_last</c> memory
/// format; the shape stays N×C×H×W), so convolutions, ReLU and pooling keep their activations in that order and
/// oneDNN needs no reorders between them.</item>
/// </list>
/// </summary>
public sealed record ComputeFormat
{
    [JsonConverter(typeof(JsonStringEnumConverter<Precision>))]
    public Precision Precision { get; init; } = Precision.Fp32;
    public bool ChannelsLast { get; init; }

    /// <summary>fp32, default memory format: what every run used before these settings existed.</summary>
    public static ComputeFormat Fp32 { get; } = new();

    /// <summary>"fp32", "bf16 + channels-last", … — for logs and tables.</summary>
    public override string ToString() => $"{PrecisionName(Precision)}{(ChannelsLast ? " + channels-last" : "")}";

    /// <summary>The setting's spelling of a precision.</summary>
    public static string PrecisionName(Precision p) => p == Precision.Bf16 ? "bf16" : "fp32";

    /// <summary>Reads "fp32" or "bf16" (also "float32", "bfloat16").</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static Precision ParsePrecision(string value) => value.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" or "float" => Precision.Fp32,
        "bf16" or "bfloat16" => Precision.Bf16,
        _ => throw new ArgumentException($"precision: '{value}' is not a precision; use fp32 or bf16."),
    };

    /// <summary>
    /// A region in which the forward pass and loss run at this precision on <paramref name="device"/> (bf16: an
    /// <see cref="Autocast"/> region; fp32: nothing).
    /// </summary>
    /// <exception cref="InvalidOperationException">bf16 on a libtorch without autocast.</exception>
    public IDisposable Region(Device? device) =>
        Precision == Precision.Bf16 ? Autocast.Enter((device ?? CPU).type) : NoRegion.Instance;

    /// <summary><paramref name="images"/> (N×C×H×W) in this format's memory order: the same tensor, or an NHWC-ordered copy.</summary>
    public Tensor Layout(Tensor images) => ChannelsLast ? ToChannelsLast(images) : images;

    /// <summary>The batch with its images in this format's memory order (labels untouched).</summary>
    public Batch Layout(Batch batch) => ChannelsLast ? batch with { Images = ToChannelsLast(batch.Images) } : batch;

    /// <summary>
    /// PyTorch's <c>x.contiguous(memory_format=torch.channels_last)</c>, which TorchSharp 0.107 does not expose: the
    /// values of an N×C×H×W tensor stored in N, H, W, C order (strides C·H·W, 1, W·C, C).
    /// </summary>
    public static Tensor ToChannelsLast(Tensor images) =>
        images.dim() == 4 ? images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : images;

    /// <summary>Throws now, not mid-run, when this format cannot run here (bf16 needs libtorch's autocast).</summary>
    /// <exception cref="InvalidOperationException">bf16, and this libtorch does not export autocast.</exception>
    public ComputeFormat Validated()
    {
        if (Precision == Precision.Bf16 && !Autocast.IsAvailable) using (Autocast.Enter(DeviceType.CPU)) { }   // throws the explanation
        return this;
    }

    /// <summary>
    /// Readies <paramref name="model"/> for this format: with channels-last the layers that crash this libtorch on a
    /// channels-last input take theirs in NCHW (<see cref="ChannelsLastSupport.Guard"/>); with bf16 the layers this
    /// libtorch computes wrongly in bf16 are set to run in fp32 (<see cref="Bf16Support.KeepInFp32"/>).
    /// <paramref name="training"/>: gradients flow through it.
    /// </summary>
    /// <exception cref="InvalidOperationException">bf16 needs libtorch's autocast, which is missing.</exception>
    public ComputeFormat PreparedFor(nn.Module model, bool training = false)
    {
        if (ChannelsLast) ChannelsLastSupport.Guard(model);
        if (Validated().Precision == Precision.Bf16) Bf16Support.KeepInFp32(model, training);
        return this;
    }

    private sealed class NoRegion : IDisposable
    {
        public static readonly NoRegion Instance = new();
        public void Dispose() { }
    }
}
