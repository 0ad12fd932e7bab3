using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedImaging.Silo.Telemetry;

/// <summary>
/// The silo's spans and metrics: how long instances wait for a run, grain turns and instance runs, dead-lettered
/// instances, ingest events. Tags carry types, outcomes and reasons only, never study keys or UIDs.
/// </summary>
public sealed class SiloTelemetry
{
    public const string Name = "MedImaging.Silo";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Histogram<double> _queueLag;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _ingestEvents;

    public SiloTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _queueLag = meter.CreateHistogram<double>("medimaging.queue.lag", "s",
            "Time from an instance being received (or its retry falling due) to its run starting");
        _turns = meter.CreateCounter<long>("medimaging.silo.turns", "{turn}", "Study grain calls and instance runs, by type and outcome");
        _turnDuration = meter.CreateHistogram<double>("medimaging.silo.turn.duration", "s", "Study grain call and instance run duration");
        _deadLettered = meter.CreateCounter<long>("medimaging.silo.dead_lettered", "{message}", "Instances and ingest events sent to the dead-letter queue, by reason");
        _ingestEvents = meter.CreateCounter<long>("medimaging.silo.ingest_events", "{event}", "Ingest-bucket events handled, by outcome");
    }

    public void RunStarted(TimeSpan waited) =>
        _queueLag.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("medimaging.message.type", "InstanceRun"));

    public void TurnEnded(string type, string outcome, TimeSpan duration)
    {
        var typeTag = new KeyValuePair<string, object?>("medimaging.message.type", type);
        var result = new KeyValuePair<string, object?>("medimaging.outcome", outcome);
        _turns.Add(1, typeTag, result);
        _turnDuration.Record(duration.TotalSeconds, typeTag, result);
    }

    public void DeadLettered(string reason) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("medimaging.reason", reason));

    public void IngestEventHandled(string outcome) =>
        _ingestEvents.Add(1, new KeyValuePair<string, object?>("medimaging.outcome", outcome));
}
