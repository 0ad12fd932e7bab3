using System.Runtime.InteropServices;

namespace MedImaging.Aws.S3;

public static class ChunkStream
{
    /// <summary>A read-only stream over a chunk, without copying it when it is backed by an array.</summary>
    public static MemoryStream Over(ReadOnlyMemory<byte> chunk) =>
        MemoryMarshal.TryGetArray(chunk, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(chunk.ToArray(), writable: false);
}
