using Relief.Cli.Batching;

namespace Relief.Cli.Tests;

/// <summary>The batch runner behind `relief assess` with many files: in order, bounded, failures where they belong.</summary>
public sealed class OrderedBatchTests
{
    [Fact]
    public void Results_come_back_in_input_order_although_later_items_finish_first()
    {
        // Early items are the slow ones, so workers finish them last.
        var batch = new OrderedBatch<int>(20, 8, i =>
        {
            Thread.Sleep(Math.Max(0, 10 - i) * 3);
            return i * i;
        });

        var results = Enumerable.Range(0, 20).Select(batch.Take).ToList();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), results);
    }

    [Fact]
    public void Workers_never_run_more_than_the_window_ahead_of_the_consumer()
    {
        const int window = 3;
        var taken = 0;
        var started = new List<(int Index, int Taken)>();
        var batch = new OrderedBatch<int>(60, window, i =>
        {
            lock (started)
            {
                started.Add((i, Volatile.Read(ref taken)));
            }

            return i;
        });

        for (var i = 0; i < 60; i++)
        {
            // A slow consumer: unbounded workers would race to the end of the batch meanwhile.
            Thread.Sleep(2);
            Interlocked.Increment(ref taken);
            Assert.Equal(i, batch.Take(i));
        }

        Assert.Equal(60, started.Count);
        Assert.All(started, s => Assert.True(s.Index < s.Taken + window, $"item {s.Index} started when {s.Taken} had been taken"));
    }

    [Fact]
    public void A_failing_item_fails_where_it_is_taken_and_the_items_before_it_are_intact()
    {
        var batch = new OrderedBatch<int>(10, 4, i => i == 5 ? throw new InvalidOperationException("item 5") : i);

        Assert.Equal([0, 1, 2, 3, 4], Enumerable.Range(0, 5).Select(batch.Take));
        Assert.Equal("item 5", Assert.Throws<InvalidOperationException>(() => batch.Take(5)).Message);
    }
}
