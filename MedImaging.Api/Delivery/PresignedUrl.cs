namespace MedImaging.Api.Delivery;

/// <summary>A time-limited URL that grants one operation on one object without credentials.</summary>
public sealed record PresignedUrl(string Url, DateTimeOffset ExpiresAt);
