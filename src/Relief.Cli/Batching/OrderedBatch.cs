namespace Relief.Cli.Batching;

/// <summary>
/// Runs <c>work(i)</c> for i = 0..count-1 on every core and hands the results back in index order. Workers take
/// the next index as soon as they are free (no barrier between groups of items), but never run more than
/// <c>window</c> items ahead of the one the consumer is waiting for, so at most a window of results is held.
/// </summary>
internal sealed class OrderedBatch<T>
{
    private readonly TaskCompletionSource<T>[] results;
    private readonly SemaphoreSlim room;
    private readonly CancellationTokenSource cancel = new();
    private int next = -1;

    public OrderedBatch(int count, int window, Func<int, T> work)
    {
        results = new TaskCompletionSource<T>[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        room = new SemaphoreSlim(window);
        var workers = Math.Min(count, Environment.ProcessorCount);
        for (var w = 0; w < workers; w++)
        {
            _ = Task.Factory.StartNew(() => Work(work), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>The result of item <paramref name="index"/> (waits for it); call for 0, 1, 2... in order.</summary>
    public T Take(int index)
    {
        var result = results[index].Task.GetAwaiter().GetResult();
        results[index] = null!;
        room.Release();
        return result;
    }

    /// <summary>Stops handing out items; items already started finish and are dropped.</summary>
    public void Cancel() => cancel.Cancel();

    private void Work(Func<int, T> work)
    {
        while (true)
        {
            try
            {
                room.Wait(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var index = Interlocked.Increment(ref next);
            if (index >= results.Length)
            {
                return;
            }

            var slot = results[index];
            try
            {
                slot.SetResult(work(index));
            }
            catch (Exception exception)
            {
                // A bug, not bad input (bad input is a document with an error): surfaces where the consumer takes it.
                slot.SetException(exception);
            }
        }
    }
}
