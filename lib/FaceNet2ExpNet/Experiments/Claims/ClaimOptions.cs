namespace FaceNet2ExpNet.Experiments.Claims;

/// <summary>How a process deals with runs other processes are training (docs/run-store.md, "Several processes").</summary>
public sealed record ClaimOptions
{
    /// <summary>Wait for a run another process is training (true), or skip it and say so (false: <c>fn2en run --no-wait</c>).</summary>
    public bool Wait { get; init; } = true;

    /// <summary>
    /// A claim whose lock file has not changed for this long, as this process sees it, is stale: its holder is taken to
    /// be dead and the run is taken over (it resumes from its checkpoint). On a shared filesystem keep it well above the
    /// client's attribute-cache time (NFS: acregmax, 60 s by default). Default 10 minutes.
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a holder rewrites its heartbeat: a tenth of <see cref="StaleAfter"/>, at most 30 s.</summary>
    public TimeSpan Heartbeat => TimeSpan.FromSeconds(Math.Clamp(StaleAfter.TotalSeconds / 10, 0.05, 30));

    /// <summary>How often a waiting process looks at the lock file: a tenth of <see cref="StaleAfter"/>, at most 5 s.</summary>
    public TimeSpan Poll => TimeSpan.FromSeconds(Math.Clamp(StaleAfter.TotalSeconds / 10, 0.05, 5));

    /// <exception cref="ArgumentException"><see cref="StaleAfter"/> is not positive.</exception>
    public ClaimOptions Validated() => StaleAfter > TimeSpan.Zero ? this
        : throw new ArgumentException($"The stale-claim time must be positive, got {StaleAfter.TotalMinutes} minutes.");
}
