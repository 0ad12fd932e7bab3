namespace MedImaging.Api.Web.Hosting;

/// <summary>One file of the web page, held in memory with its strong entity tag (a hash of its bytes).</summary>
public sealed record WebAsset(string Path, string ContentType, byte[] Content, string ETag);
