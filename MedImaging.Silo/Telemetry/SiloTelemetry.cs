using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedImaging.Silo.Telemetry;

/// <summary>
/// The grain runtime's spans and metrics: queue lag, turns, turn retries, dead-lettered messages and forwarded
/// timers. Tags carry message types, outcomes and exception type names only, never study keys or UIDs.
/// </summary>
public sealed class SiloTelemetry
{
    public const string Name = "MedImaging.Silo";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Histogram<double> _queueLag;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _turnRetries;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _timers;

    public SiloTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _queueLag = meter.CreateHistogram<double>("medimaging.queue.lag", "s",
            "Time from the study queue accepting a message (for a delayed one: from it falling due) to its turn starting");
        _turns = meter.CreateCounter<long>("medimaging.silo.turns", "{turn}", "Grain turns, by message type and outcome");
        _turnDuration = meter.CreateHistogram<double>("medimaging.silo.turn.duration", "s", "Grain turn duration, state read to state saved");
        _turnRetries = meter.CreateCounter<long>("medimaging.silo.turn.retries", "{turn}", "Failed turns whose message goes back to the queue for another delivery");
        _deadLettered = meter.CreateCounter<long>("medimaging.silo.dead_lettered", "{message}", "Study messages moved to the dead-letter queue, by reason");
        _timers = meter.CreateCounter<long>("medimaging.silo.timers", "{message}", "Timer-queue messages handled, by outcome");
    }

    public void TurnStarted(string messageType, DateTimeOffset? sentAt, DateTimeOffset now)
    {
        if (sentAt is { } sent)
            _queueLag.Record(Math.Max(0, (now - sent).TotalSeconds), new KeyValuePair<string, object?>("medimaging.message.type", messageType));
    }

    public void TurnEnded(string messageType, string outcome, TimeSpan duration)
    {
        var type = new KeyValuePair<string, object?>("medimaging.message.type", messageType);
        var result = new KeyValuePair<string, object?>("medimaging.outcome", outcome);
        _turns.Add(1, type, result);
        _turnDuration.Record(duration.TotalSeconds, type, result);
        if (outcome is TurnOutcomes.Failed or TurnOutcomes.Conflict)
            _turnRetries.Add(1, type, result);
    }

    public void DeadLettered(string reason) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("medimaging.reason", reason));

    public void TimerHandled(string outcome) =>
        _timers.Add(1, new KeyValuePair<string, object?>("medimaging.outcome", outcome));
}
