namespace MedImaging.Api.Studies;

/// <summary>No silo answered a study grain call: the Api answers 503 and keeps nothing of the request half-way.</summary>
public sealed class StudyServiceUnavailableException(Exception inner)
    : Exception("No silo is available to take the study right now.", inner);
