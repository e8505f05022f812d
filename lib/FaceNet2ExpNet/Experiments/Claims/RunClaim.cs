using System.Collections.Concurrent;

namespace FaceNet2ExpNet.Experiments.Claims;

/// <summary>
/// A claim this process holds on one run: its lock file, whose heartbeat a background thread rewrites while the run
/// trains. Before each heartbeat the holder reads the file back; if it no longer holds this claim's token another
/// process has taken the run over (after this one was silent for the stale time, e.g. frozen), and <see cref="Lost"/>
/// is cancelled so training stops before it writes anything more. Disposing releases the claim (deletes the lock file,
/// if it is still this claim's).
/// </summary>
public sealed class RunClaim : IDisposable
{
    private static readonly ConcurrentDictionary<RunClaim, byte> Held = new();
    private readonly object gate = new();
    private readonly CancellationTokenSource lost = new();
    private readonly ManualResetEventSlim stop = new();
    private readonly Thread heartbeat;
    private readonly TimeSpan interval;
    private readonly TextWriter? log;
    private ClaimInfo info;
    private bool released, warned;

    internal RunClaim(string lockFile, ClaimInfo info, TimeSpan interval, TextWriter? log)
    {
        (LockFile, this.info, this.interval, this.log) = (lockFile, info, interval, log);
        Held[this] = 0;
        heartbeat = new Thread(Beat) { IsBackground = true, Name = $"heartbeat {lockFile}" };
        heartbeat.Start();
    }

    public string LockFile { get; }
    public ClaimInfo Info { get { lock (gate) return info; } }
    /// <summary>Cancelled when another process has taken the run over; training checks it before every step and checkpoint.</summary>
    public CancellationToken Lost => lost.Token;
    /// <summary>Why the claim was lost (who holds the run now), or null while it is held.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Refreshes the heartbeat now and confirms the claim is still this process's (before a result is written).</summary>
    /// <exception cref="RunClaimLostException">Another process has taken the run over.</exception>
    public void EnsureHeld()
    {
        Refresh();
        if (LostReason is { } reason) throw new RunClaimLostException(reason);
    }

    /// <summary>Stops the heartbeat and deletes the lock file if it still holds this claim. Safe to call twice.</summary>
    public void Release()
    {
        lock (gate)
        {
            if (released) return;
            released = true;   // under the gate: no heartbeat can rewrite the file after it is deleted
            stop.Set();
            if (LostReason is null && ClaimInfo.TryParse(ClaimFile.Read(LockFile) ?? "")?.Token == info.Token) ClaimFile.TryDelete(LockFile);
        }
        if (Thread.CurrentThread != heartbeat) heartbeat.Join();
        Held.TryRemove(this, out _);
    }

    // The token source and event are not disposed: training may still look at Lost after the claim is released.
    public void Dispose() => Release();

    /// <summary>Releases every claim this process holds (on SIGINT/SIGTERM/SIGHUP, see <see cref="RunClaims.ReleaseOnTermination"/>).</summary>
    internal static void ReleaseAll()
    {
        foreach (var claim in Held.Keys) claim.Release();
    }

    private void Beat()
    {
        while (!stop.Wait(interval)) Refresh();
    }

    private void Refresh()
    {
        lock (gate)
        {
            if (released || LostReason is not null) return;
            try
            {
                var text = ClaimFile.Read(LockFile);
                var current = text is null ? null : ClaimInfo.TryParse(text);
                if (current?.Token != info.Token)
                {
                    LostReason = $"{LockFile}: this process ({ThisProcess.Host} pid {ThisProcess.Pid}) lost its claim on the run — " +
                                 (current is null ? "the lock file was removed" : $"{current.Holder} took it over") +
                                 " after seeing no heartbeat from this process for the stale-claim time (was it suspended, or its filesystem unreachable?). " +
                                 "This process stops training that run; the other one carries on with it.";
                    log?.WriteLine($"[claims] {LostReason}");
                    lost.Cancel();
                    return;
                }
                info = info with { HeartbeatAt = DateTime.UtcNow, Beats = info.Beats + 1 };
                ClaimFile.Replace(LockFile, info.ToJson(), info.Token);
                warned = false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Training goes on; if the heartbeat stays away for the stale time another process takes the run over,
                // which the next successful read shows.
                if (!warned) log?.WriteLine($"[claims] could not refresh the heartbeat in {LockFile} ({e.Message.TrimEnd('.')}); retrying");
                warned = true;
            }
        }
    }
}
