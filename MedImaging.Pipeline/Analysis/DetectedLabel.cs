namespace MedImaging.Pipeline.Analysis;

/// <summary>A label with its confidence in percent (0-100), as Rekognition reports it.</summary>
public sealed record DetectedLabel(string Name, double Confidence);
