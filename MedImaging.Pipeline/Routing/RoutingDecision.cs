namespace MedImaging.Pipeline.Routing;

/// <summary>Where an instance goes and why (the rule name, or a quarantine reason).</summary>
public sealed record RoutingDecision(Destination Destination, string Reason);
