namespace MedImaging.Silo.DeadLetters;

/// <param name="Moved">How many dead-lettered messages were given another go.</param>
public sealed record RedriveResult(int Moved);
