using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace FaceNet2ExpNet.Experiments.Claims;

/// <summary>A claim attempt: the claim, or — with <see cref="ClaimOptions.Wait"/> off — who holds the run instead.</summary>
public sealed record ClaimAttempt(RunClaim? Claim, string? HeldBy);

/// <summary>
/// Claims on runs, so that processes sharing a run store (several GPUs, a Slurm array, on one machine or over NFS)
/// never train the same run at once. A run is claimed by creating its lock file, <c>run.lock</c> in the run's folder,
/// exclusively; others wait (or skip it), watching the file. A claim whose file stops changing for the stale time —
/// the holder died with the node, or was killed with SIGKILL — is taken over through a takeover file named after the
/// dead claim's token, which exactly one process can create; the taker checks the claim is unchanged, then replaces
/// it with its own by rename. On one machine a dead holder is recognised at once (<see cref="ThisProcess.HolderIsGone"/>).
/// docs/run-store.md, "Several processes", gives the reasoning.
/// </summary>
public static class RunClaims
{
    public const string FileName = "run.lock";
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>The lock file of the run in <paramref name="runFolder"/>.</summary>
    public static string LockFile(string runFolder) => Path.Combine(runFolder, FileName);

    /// <summary>
    /// Claims the run in <paramref name="runFolder"/>: at once if it is free, after waiting while another live process
    /// holds it (a progress line says who), by taking it over if that claim is stale. With <see cref="ClaimOptions.Wait"/>
    /// off, returns who holds a live claim instead of waiting. The caller must check afterwards whether the run was
    /// finished meanwhile.
    /// </summary>
    /// <param name="label">What is trained ("fn2en fold-3"): recorded in the lock file and prefixed to progress lines.</param>
    /// <exception cref="IOException">The lock file could not be written (a full disk, no permission).</exception>
    public static ClaimAttempt Acquire(string runFolder, string label, ClaimOptions options, TextWriter log)
    {
        options = options.Validated();
        var path = LockFile(runFolder);
        var claimWatch = new ChangeWatch();
        var takeoverWatch = new ChangeWatch();
        var waited = Stopwatch.StartNew();
        var reported = TimeSpan.MinValue;
        while (true)
        {
            var mine = ThisProcess.NewClaim(label, options.Heartbeat);
            if (Create(path, mine)) return Claimed(path, mine, options, log, label, waited.Elapsed, reported != TimeSpan.MinValue);
            var text = ClaimFile.Read(path);
            if (text is null) continue;   // released between the two calls: try again at once
            var current = ClaimInfo.TryParse(text);
            var silent = claimWatch.UnchangedFor(text);
            var staleAfter = StaleAfter(options, current);
            var gone = current is not null && ThisProcess.HolderIsGone(current);
            if (gone || silent >= staleAfter)
            {
                var why = gone ? $"{current!.Holder} is no longer running" : $"{Describe(current)} has shown no heartbeat for {Format(silent)}";
                if (TakeOver(path, text, current, mine, staleAfter, takeoverWatch))
                {
                    log.WriteLine($"[{label}] took over the run: {why}; it resumes from its last checkpoint");
                    return Claimed(path, mine, options, log, label, waited.Elapsed, reported: false);
                }
                Thread.Sleep(options.Poll);
                continue;
            }
            if (!options.Wait) return new ClaimAttempt(null, Describe(current));
            if (reported == TimeSpan.MinValue || waited.Elapsed - reported >= TimeSpan.FromMinutes(1))
            {
                var since = reported == TimeSpan.MinValue ? "" : $"waited {Format(waited.Elapsed)}, its lock file last changed {Format(silent)} ago; ";
                reported = waited.Elapsed;
                log.WriteLine($"[{label}] waiting: {Describe(current)} is training this run ({since}taken over if its heartbeat stops for {Format(staleAfter)})");
            }
            Thread.Sleep(options.Poll);
        }
    }

    /// <summary>Who is training the run in <paramref name="runFolder"/> ("node12 pid 4711 (since …)"), or null if nobody claims it.</summary>
    public static string? Holder(string runFolder) => ClaimFile.Read(LockFile(runFolder)) is { } text ? Describe(ClaimInfo.TryParse(text)) : null;

    /// <summary>
    /// Releases this process's claims when it is stopped by SIGINT (Ctrl-C), SIGTERM (Slurm's scancel, a job's time
    /// limit) or SIGHUP, so other processes need not wait for the claims to go stale. For command-line tools; a host
    /// that handles these signals itself (a notebook kernel) should not call it.
    /// </summary>
    public static void ReleaseOnTermination()
    {
        lock (Registrations)
        {
            if (Registrations.Count > 0) return;
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                try { Registrations.Add(PosixSignalRegistration.Create(signal, _ => RunClaim.ReleaseAll())); }
                catch (PlatformNotSupportedException) { }
            }
        }
    }

    private static bool Create(string path, ClaimInfo mine)
    {
        try { return ClaimFile.TryCreate(path, mine.ToJson()); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"could not create the lock file {path}: {e.Message.TrimEnd('.')}.", e);
        }
    }

    /// <summary>
    /// Replaces the stale claim <paramref name="observed"/> with <paramref name="mine"/>. Only the process that creates
    /// the takeover file named after the stale claim goes on, and only if the lock file still holds exactly what was
    /// judged stale; a takeover file left by a process that died taking over is removed once it is stale itself.
    /// </summary>
    private static bool TakeOver(string path, string observed, ClaimInfo? stale, ClaimInfo mine, TimeSpan staleAfter, ChangeWatch takeoverWatch)
    {
        var takeover = $"{path}.takeover-{stale?.Token ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(observed)))[..16]}";
        if (!ClaimFile.TryCreate(takeover, mine.ToJson()))
        {
            if (ClaimFile.Read(takeover) is { } other && takeoverWatch.UnchangedFor(other) >= staleAfter) ClaimFile.TryDelete(takeover);
            return false;
        }
        try
        {
            if (ClaimFile.Read(path) != observed) return false;   // it changed after all: its holder lives, or it was released
            ClaimFile.Replace(path, mine.ToJson(), mine.Token);
            if (stale is not null) ClaimFile.TryDelete(ClaimFile.TemporaryOf(path, stale.Token));   // a heartbeat the holder died writing
            return ClaimInfo.TryParse(ClaimFile.Read(path) ?? "")?.Token == mine.Token;
        }
        finally { ClaimFile.TryDelete(takeover); }
    }

    private static ClaimAttempt Claimed(string path, ClaimInfo mine, ClaimOptions options, TextWriter log, string label, TimeSpan waited, bool reported)
    {
        if (reported) log.WriteLine($"[{label}] the run is free after waiting {Format(waited)}");
        return new ClaimAttempt(new RunClaim(path, mine, options.Heartbeat, log), null);
    }

    /// <summary>Never shorter than three of the holder's own heartbeat intervals, whatever this process was told.</summary>
    private static TimeSpan StaleAfter(ClaimOptions options, ClaimInfo? holder) =>
        holder is { HeartbeatSeconds: > 0 } h && TimeSpan.FromSeconds(3 * h.HeartbeatSeconds) > options.StaleAfter
            ? TimeSpan.FromSeconds(3 * h.HeartbeatSeconds) : options.StaleAfter;

    private static string Describe(ClaimInfo? claim) => claim?.Holder ?? "another process (its lock file is being written, or unreadable)";

    internal static string Format(TimeSpan t) =>
        t.TotalSeconds < 90 ? $"{t.TotalSeconds:F0} s" : t.TotalMinutes < 90 ? $"{t.TotalMinutes:F0} min" : $"{t.TotalHours:F1} h";

    /// <summary>How long a file's text has stayed the same, on this process's clock (so other hosts' clocks do not matter).</summary>
    private sealed class ChangeWatch
    {
        private string? text;
        private long since;

        public TimeSpan UnchangedFor(string current)
        {
            if (current != text) (text, since) = (current, Stopwatch.GetTimestamp());
            return Stopwatch.GetElapsedTime(since);
        }
    }
}
