using System.Diagnostics;
using FaceNet2ExpNet.Experiments.Claims;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>Run claims: one holder at a time, heartbeats, waiting, skipping, stale and dead claims taken over, a lost claim noticed.</summary>
public sealed class RunClaimTests : IDisposable
{
    private static readonly ClaimOptions Short = new() { StaleAfter = TimeSpan.FromSeconds(1) };
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);   // a liveness bound, not a timing claim
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Lock => RunClaims.LockFile(dir.Path);

    private static ClaimInfo Read(string path) => ClaimInfo.TryParse(File.ReadAllText(path))!;

    /// <summary>A claim as another machine's process would have written it (it never changes: that process is gone).</summary>
    private void WriteForeignClaim(string host = "node-elsewhere", int pid = 4711) =>
        File.WriteAllText(Lock, (ThisProcess.NewClaim("fn2en fold-3", TimeSpan.FromSeconds(0.1)) with { Host = host, Pid = pid, BootId = "other-boot" }).ToJson());

    [Fact]
    public void A_free_run_is_claimed_with_host_pid_and_a_heartbeat_and_released()
    {
        var attempt = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, new StringWriter());
        using (var claim = attempt.Claim!)
        {
            var info = Read(Lock);
            Assert.Equal(Environment.MachineName, info.Host);
            Assert.Equal(Environment.ProcessId, info.Pid);
            Assert.Equal("fn2en fold-3", info.Run);
            Assert.Equal(claim.Info.Token, info.Token);
            var clock = Stopwatch.StartNew();
            while (Read(Lock).Beats < 2) { Assert.True(clock.Elapsed < Deadline, "no heartbeat was written"); Thread.Sleep(20); }
            Assert.True(Read(Lock).HeartbeatAt > info.HeartbeatAt);
            Assert.False(claim.Lost.IsCancellationRequested);
        }
        Assert.False(File.Exists(Lock), "releasing the claim deletes its lock file");
        Assert.Empty(Directory.EnumerateFiles(dir.Path));
    }

    [Fact]
    public void Without_waiting_a_claimed_run_is_skipped_and_the_holder_named()
    {
        using var held = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, new StringWriter()).Claim!;
        var second = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short with { Wait = false }, new StringWriter());
        Assert.Null(second.Claim);
        Assert.StartsWith($"{Environment.MachineName} pid {Environment.ProcessId} (since ", second.HeldBy);
        Assert.Equal(held.Info.Token, Read(Lock).Token);
    }

    [Fact]
    public async Task A_waiting_process_says_who_holds_the_run_and_gets_it_when_released()
    {
        var held = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, new StringWriter()).Claim!;
        var log = new StringWriter();
        var waiter = Task.Run(() => RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, log));
        var clock = Stopwatch.StartNew();
        while (!log.ToString().Contains("waiting")) { Assert.True(clock.Elapsed < Deadline, "the waiter never said it waits"); Thread.Sleep(20); }
        Thread.Sleep(3 * (int)Short.StaleAfter.TotalMilliseconds);   // a live holder is never taken over, however long it holds
        Assert.False(waiter.IsCompleted);
        held.Release();
        Assert.True(await Task.WhenAny(waiter, Task.Delay(Deadline)) == waiter, "the waiter did not get the released run");
        using var claim = (await waiter).Claim!;
        Assert.Contains($"[fn2en fold-3] waiting: {Environment.MachineName} pid {Environment.ProcessId}", log.ToString());
        Assert.Contains("the run is free after waiting", log.ToString());
        Assert.DoesNotContain("took over", log.ToString());
        Assert.Equal(claim.Info.Token, Read(Lock).Token);
    }

    [Fact]
    public void A_claim_whose_heartbeat_stopped_is_taken_over_after_the_stale_time()
    {
        WriteForeignClaim();
        File.WriteAllText($"{Lock}.{Read(Lock).Token}.tmp", "{ \"host\": \"node-else");   // it died writing a heartbeat
        var log = new StringWriter();
        var clock = Stopwatch.StartNew();
        using var claim = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, log).Claim!;
        Assert.True(clock.Elapsed >= Short.StaleAfter, "taken over before the claim was stale");
        Assert.Contains("[fn2en fold-3] took over the run: node-elsewhere pid 4711", log.ToString());
        Assert.Contains("has shown no heartbeat for", log.ToString());
        Assert.Equal(claim.Info.Token, Read(Lock).Token);
        Assert.Equal(Environment.MachineName, Read(Lock).Host);
        Assert.Single(Directory.EnumerateFiles(dir.Path));   // no takeover file, nor the dead holder's temporary one
    }

    [Fact]
    public void A_lock_file_left_empty_by_a_process_that_died_creating_it_goes_stale_too()
    {
        File.WriteAllText(Lock, "");
        using var claim = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, new StringWriter()).Claim!;
        Assert.Equal(claim.Info.Token, Read(Lock).Token);
    }

    [Fact]
    public async Task On_the_same_machine_a_claim_of_a_process_that_exited_is_taken_over_at_once()
    {
        if (!OperatingSystem.IsLinux()) return;   // the same-machine check reads /proc; elsewhere the heartbeat decides (tests above)
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        gone.WaitForExit();
        File.WriteAllText(Lock, (ThisProcess.NewClaim("fn2en fold-3", TimeSpan.FromSeconds(30)) with { Pid = gone.Id }).ToJson());
        var log = new StringWriter();
        var patient = new ClaimOptions { StaleAfter = TimeSpan.FromHours(1) };   // the heartbeat would take an hour
        var attempt = Task.Run(() => RunClaims.Acquire(dir.Path, "fn2en fold-3", patient, log));
        Assert.True(await Task.WhenAny(attempt, Task.Delay(Deadline)) == attempt, "a dead holder on this machine was waited for");
        using var claim = (await attempt).Claim!;
        Assert.Contains($"pid {gone.Id} (since", log.ToString());
        Assert.Contains("is no longer running", log.ToString());
    }

    [Fact]
    public void A_claim_of_a_live_process_on_this_machine_is_not_taken_for_dead()
    {
        using var alive = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, new StringWriter()).Claim!;
        Assert.False(ThisProcess.HolderIsGone(Read(Lock)));
        Assert.False(ThisProcess.HolderIsGone(Read(Lock) with { Host = "node-elsewhere", Pid = 1 << 30 }), "another machine's pid says nothing");
        Assert.True(!OperatingSystem.IsLinux() || ThisProcess.HolderIsGone(Read(Lock) with { ProcessStart = 1 }), "a reused pid (another start time) is a dead holder");
    }

    [Fact]
    public void A_holder_that_was_taken_over_notices_at_its_next_heartbeat_and_stops()
    {
        var log = new StringWriter();
        using var claim = RunClaims.Acquire(dir.Path, "fn2en fold-3", Short, log).Claim!;
        WriteForeignClaim("node-taker", 99);   // what a takeover by another machine leaves in the lock file
        Assert.True(claim.Lost.WaitHandle.WaitOne(Deadline), "the lost claim was not noticed");
        var error = Assert.Throws<RunClaimLostException>(claim.EnsureHeld);
        Assert.Contains("lost its claim on the run — node-taker pid 99", error.Message);
        claim.Release();
        Assert.Equal("node-taker", Read(Lock).Host);   // releasing a lost claim leaves the new holder's lock alone
    }

    [Fact]
    public void Of_several_processes_taking_over_one_stale_claim_only_one_holds_the_run_at_a_time()
    {
        WriteForeignClaim();
        int holders = 0, most = 0, lost = 0;
        // Started together, the claimants judge the claim stale within microseconds of each other: they race to take it over.
        using var start = new Barrier(8);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var claimants = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                using var claim = RunClaims.Acquire(dir.Path, $"claimant {i}", Short, new StringWriter()).Claim!;
                InterlockedMax(ref most, Interlocked.Increment(ref holders));
                Thread.Sleep(300);
                if (claim.Lost.IsCancellationRequested) Interlocked.Increment(ref lost);
                Interlocked.Decrement(ref holders);
            }
            catch (Exception e) { errors.Enqueue(e); }   // a thread's exception would take the whole test host down
        })).ToList();
        claimants.ForEach(t => t.Start());
        Assert.All(claimants, t => Assert.True(t.Join(Deadline), "the claimants did not all get their turn"));
        Assert.Empty(errors);   // e.g. a holder releasing between a claimant's failed create and its look at the file
        Assert.Equal(1, most);
        Assert.Equal(0, lost);
        Assert.False(File.Exists(Lock));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
