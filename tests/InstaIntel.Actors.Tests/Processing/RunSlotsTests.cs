using InstaIntel.Actors.Processing;

namespace InstaIntel.Actors.Tests.Processing;

public sealed class RunSlotsTests
{
    [Fact]
    public async Task No_more_runs_than_the_capacity_hold_a_slot_and_a_waiting_run_starts_when_one_ends()
    {
        var slots = new RunSlots(2);
        var first = await slots.TakeAsync(CancellationToken.None);
        var second = await slots.TakeAsync(CancellationToken.None);
        Assert.False(slots.HasRoom);

        var third = slots.TakeAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, slots.Running);

        first.Dispose();
        first.Dispose(); // a second dispose gives nothing back twice
        using var taken = await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(slots.HasRoom);
        second.Dispose();
        Assert.True(slots.HasRoom);
        Assert.Equal(1, slots.Running);
        Assert.Equal(2, slots.Peak);
    }

    [Fact]
    public async Task A_run_aborted_while_waiting_takes_no_slot()
    {
        var slots = new RunSlots(1);
        using var held = await slots.TakeAsync(CancellationToken.None);
        using var abort = new CancellationTokenSource();
        var waiting = slots.TakeAsync(abort.Token);
        abort.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, slots.Running);
    }

    [Fact]
    public void Zero_means_one_run_per_core_and_is_the_default_of_workspace_runs()
    {
        Assert.Equal(Environment.ProcessorCount, new RunSlots(0).Capacity);
        Assert.Equal(3, new RunSlots(3).Capacity);
        Assert.Equal(0, new MediaAnalysisSettings().MaxConcurrentRuns);
        Assert.Throws<InvalidOperationException>(() => new MediaAnalysisSettings { MaxConcurrentRuns = -1 }.Validate());
    }
}
