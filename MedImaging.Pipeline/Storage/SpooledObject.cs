using System.Buffers;
using System.Security.Cryptography;

namespace MedImaging.Pipeline.Storage;

/// <summary>
/// An object streamed from the store into a local temporary file, hashed on the way: what the steps of one run read
/// from instead of holding the object in memory (the DICOM reader leaves pixel data in the file and reads only the ranges
/// it is asked for). The file is deleted on dispose.
/// </summary>
public sealed class SpooledObject : IDisposable
{
    private const int CopyBufferBytes = 128 * 1024;

    private SpooledObject(string path, long length, string contentType, string sha256)
    {
        Path = path;
        Length = length;
        ContentType = contentType;
        Sha256 = sha256;
    }

    // The upload may carry PHI: only this process's user may read its copy.
    private static FileStreamOptions SpoolFileOptions
    {
        get
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1, Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return options;
        }
    }

    public string Path { get; }

    public long Length { get; }

    public string ContentType { get; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; }

    /// <returns>Null when there is no object at <paramref name="location"/>.</returns>
    /// <exception cref="ObjectTooLargeException">The store announced more than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="IOException">The store's stream ended before (or ran past) the length it announced.</exception>
    public static async Task<SpooledObject?> DownloadAsync(IObjectStore store, ObjectLocation location, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stored = await store.OpenReadAsync(location, cancellationToken);
        if (stored is null) return null;
        if (stored.Length > maxBytes) throw new ObjectTooLargeException(stored.Length, maxBytes);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"medimaging-{Guid.NewGuid():N}.spool");
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long written = 0;
            await using (var file = new FileStream(path, SpoolFileOptions))
            {
                int n;
                while ((n = await stored.Content.ReadAsync(buffer.AsMemory(0, CopyBufferBytes), cancellationToken)) > 0)
                {
                    written += n;
                    if (written > stored.Length) throw new IOException($"The object is longer than the {stored.Length} bytes announced");
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                }
            }
            if (written != stored.Length) throw new IOException($"The object ended after {written} of the {stored.Length} bytes announced");
            return new SpooledObject(path, written, stored.ContentType, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The whole content in memory, for content known to be small; refused above <paramref name="maxBytes"/> before allocating.</summary>
    public byte[]? ReadAllBytes(long maxBytes) => Length > maxBytes ? null : File.ReadAllBytes(Path);

    /// <summary>The first bytes (at most <paramref name="count"/>), e.g. to tell the format.</summary>
    public byte[] ReadStart(int count)
    {
        using var handle = File.OpenHandle(Path);
        var bytes = new byte[(int)Math.Min(count, Length)];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0) break;
            read += n;
        }
        return bytes[..read];
    }

    public void Dispose() => File.Delete(Path);
}
