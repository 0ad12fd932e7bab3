namespace MedImaging.Aws.S3;

/// <summary>Where one object's requests go: the URI sent, and the host and encoded path that are signed.</summary>
public sealed record S3ObjectAddress(Uri Uri, string Host, string EncodedPath);
