using System.Globalization;

namespace FaceNet2ExpNet.Experiments.Claims;

/// <summary>
/// Who this process is, for its claims; and whether the holder of a claim made on this machine is still running.
/// The latter is Linux-only and deliberately strict: the same host name, boot and pid namespace (so a container or
/// another node that happens to share the name never counts), and the process's start time (so a reused pid does not
/// count either). Anywhere else liveness is left to the heartbeat.
/// </summary>
public static class ThisProcess
{
    public static string Host { get; } = Environment.MachineName;
    public static int Pid { get; } = Environment.ProcessId;
    public static string? BootId { get; } = TryRead("/proc/sys/kernel/random/boot_id")?.Trim();
    public static string? PidNamespace { get; } = TryLinkTarget("/proc/self/ns/pid");
    public static long? ProcessStart { get; } = StartTime(Pid);

    /// <summary>A new claim by this process on <paramref name="run"/>.</summary>
    public static ClaimInfo NewClaim(string run, TimeSpan heartbeat)
    {
        var now = DateTime.UtcNow;
        return new ClaimInfo
        {
            Host = Host, Pid = Pid, Token = Guid.NewGuid().ToString("N"), Run = run, ClaimedAt = now, HeartbeatAt = now,
            HeartbeatSeconds = heartbeat.TotalSeconds, BootId = BootId, PidNamespace = PidNamespace, ProcessStart = ProcessStart,
        };
    }

    /// <summary>True when <paramref name="claim"/> was made on this machine (same boot and pid namespace) by a process that no longer runs.</summary>
    public static bool HolderIsGone(ClaimInfo claim)
    {
        if (BootId is null || PidNamespace is null || claim.Host != Host || claim.BootId != BootId || claim.PidNamespace != PidNamespace)
            return false;
        var stat = TryRead($"/proc/{claim.Pid}/stat");
        if (stat is null) return true;                                   // no such process
        var fields = AfterCommand(stat);
        if (fields.Length > 0 && fields[0] is "Z" or "X") return true;   // exited, not yet reaped
        return claim.ProcessStart is { } start && StartTime(fields) != start;   // the pid now belongs to another process
    }

    private static long? StartTime(int pid) => TryRead($"/proc/{pid}/stat") is { } stat ? StartTime(AfterCommand(stat)) : null;

    // /proc/<pid>/stat: "pid (comm) state ppid … starttime(22nd) …"; comm may hold spaces and parentheses.
    private static string[] AfterCommand(string stat)
    {
        var close = stat.LastIndexOf(')');
        return close < 0 ? [] : stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static long? StartTime(string[] fields) =>
        fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;

    private static string? TryRead(string path)
    {
        try { return OperatingSystem.IsLinux() && File.Exists(path) ? File.ReadAllText(path) : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string? TryLinkTarget(string path)
    {
        try { return OperatingSystem.IsLinux() ? new FileInfo(path).LinkTarget : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
