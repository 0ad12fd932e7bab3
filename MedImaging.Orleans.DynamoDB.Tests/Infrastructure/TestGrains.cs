using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Orleans;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
}

[GenerateSerializer]
public sealed record Counter([property: Id(0)] int Value);

/// <summary>Keeps its count in the default grain storage.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<Counter> state) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        state.State = new Counter((state.State?.Value ?? 0) + 1);
        await state.WriteStateAsync();
        return state.State.Value;
    }
}

public interface IBlobGrain : IGrainWithStringKey
{
    Task Save(int bytes);

    Task<int> Length();
}

[GenerateSerializer]
public sealed record Blob([property: Id(0)] byte[] Data);

/// <summary>Keeps a blob of a requested size in the default grain storage.</summary>
public sealed class BlobGrain([PersistentState("blob")] IPersistentState<Blob> state) : Grain, IBlobGrain
{
    public Task Save(int bytes)
    {
        var data = new byte[bytes];
        Random.Shared.NextBytes(data);
        state.State = new Blob(data);
        return state.WriteStateAsync();
    }

    public Task<int> Length() => Task.FromResult(state.RecordExists ? state.State.Data.Length : 0);
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan dueTime, TimeSpan period);

    Task Disarm();
}

/// <summary>Records each reminder tick with the epoch of the cluster that delivered it (configuration key ReminderTest:Epoch).</summary>
public sealed class ReminderProbeGrain(IConfiguration configuration) : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task Arm(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task Disarm()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.Record(this.GetPrimaryKeyString(), configuration["ReminderTest:Epoch"] ?? "");
        return Task.CompletedTask;
    }
}

/// <summary>Reminder ticks seen in this test process, by grain key; the silos run in-process.</summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Ticks = new();

    public static void Record(string grainKey, string epoch) => Ticks.GetOrAdd(grainKey, _ => new()).Enqueue(epoch);

    public static IReadOnlyCollection<string> Of(string grainKey) => Ticks.TryGetValue(grainKey, out var ticks) ? [.. ticks] : [];
}
