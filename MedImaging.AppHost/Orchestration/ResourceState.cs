namespace MedImaging.AppHost.Orchestration;

/// <summary>One row of the AppHost's resource table.</summary>
public sealed record ResourceState(string Name, string Kind, string State, string? Url, int? ProcessId = null);
