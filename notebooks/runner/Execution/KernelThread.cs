using System.Collections.Concurrent;
using System.Globalization;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>
/// One long-lived thread that starts every cell of a notebook, so thread-local state a cell sets (TorchSharp's
/// grad mode and dispose scopes, the culture) is still there in the next cell, as in an interactive session.
/// Runs with the invariant culture so printed numbers do not depend on the machine's locale.
/// </summary>
public sealed class KernelThread : IDisposable
{
    private readonly BlockingCollection<Action> work = [];

    /// <summary>Starts the thread (a background thread: a cell abandoned after a timeout cannot keep the process alive).</summary>
    public KernelThread(string name)
    {
        var thread = new Thread(Loop, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Starts <paramref name="start"/> on the kernel thread; completes when the task it returns completes.</summary>
    public Task<T> Run<T>(Func<Task<T>> start)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(() =>
        {
            try
            {
                start().ContinueWith(t =>
                {
                    if (t.IsFaulted) done.TrySetException(t.Exception!.InnerExceptions);
                    else if (t.IsCanceled) done.TrySetCanceled();
                    else done.TrySetResult(t.Result);
                }, TaskScheduler.Default);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Lets the thread end after its current work.</summary>
    public void Dispose() => work.CompleteAdding();

    private void Loop()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        foreach (var action in work.GetConsumingEnumerable()) action();
    }
}
