using System.Globalization;
using System.Text.Json;

namespace FaceNet2ExpNet.Experiments.Claims;

/// <summary>
/// The content of a run's lock file (<c>run.lock</c>, JSON): who trains the run — host, process id and a token unique
/// to this claim — and its heartbeat, which the holder rewrites every <see cref="HeartbeatSeconds"/> while it trains.
/// Other processes judge liveness by seeing the file change, on their own clock, so host clocks need not agree;
/// <see cref="HeartbeatAt"/> (the holder's clock) is only shown to people.
/// </summary>
public sealed record ClaimInfo
{
    public required string Host { get; init; }
    public required int Pid { get; init; }
    /// <summary>Unique per claim: a holder recognises its own claim by it, and a takeover by its absence.</summary>
    public required string Token { get; init; }
    /// <summary>What is trained, e.g. "fn2en fold-3".</summary>
    public string Run { get; init; } = "";
    public required DateTime ClaimedAt { get; init; }
    public required DateTime HeartbeatAt { get; init; }
    /// <summary>Heartbeats written so far.</summary>
    public long Beats { get; init; }
    /// <summary>How often the holder refreshes the heartbeat; a waiter never calls a claim stale before 3 of these pass unseen.</summary>
    public double HeartbeatSeconds { get; init; }
    /// <summary>Linux: the boot, pid namespace and start time of the holder, so a process on the same machine can see at once that it died.</summary>
    public string? BootId { get; init; }
    public string? PidNamespace { get; init; }
    public long? ProcessStart { get; init; }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The claim in <paramref name="text"/>, or null when it is not one (empty while its creator writes it, or damaged).</summary>
    public static ClaimInfo? TryParse(string text)
    {
        try { return JsonSerializer.Deserialize<ClaimInfo>(text, Json) is { Host.Length: > 0, Token.Length: > 0 } info ? info : null; }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException) { return null; }
    }

    /// <summary>"node12 pid 4711 (since 10:32 UTC)", for progress lines.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Holder => string.Create(CultureInfo.InvariantCulture, $"{Host} pid {Pid} (since {ClaimedAt:yyyy-MM-dd HH:mm} UTC)");
}
