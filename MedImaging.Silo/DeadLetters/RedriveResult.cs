namespace MedImaging.Silo.DeadLetters;

/// <param name="Moved">How many dead-lettered messages went back to the study queue.</param>
public sealed record RedriveResult(int Moved);
