namespace MedImaging.Pipeline.Storage;

public sealed record StoredObject(ReadOnlyMemory<byte> Content, string ContentType)
{
    /// <summary>The content's lower-case hex SHA-256 when the store computed it on the way (null: not known).</summary>
    public string? Sha256 { get; init; }
}
