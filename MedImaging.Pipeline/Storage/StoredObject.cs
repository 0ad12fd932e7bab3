namespace MedImaging.Pipeline.Storage;

public sealed record StoredObject(ReadOnlyMemory<byte> Content, string ContentType);
