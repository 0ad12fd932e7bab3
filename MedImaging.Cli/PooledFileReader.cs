using System.Buffers;
using MedImaging.Dicom;

namespace MedImaging.Cli;

/// <summary>
/// Opens a DICOM file for a batch: a file up to <see cref="WholeFileLimit"/> is read with one read into a pooled
/// buffer and parsed in memory (pixel data is a slice of it: no second open, no window reads); a larger one is
/// opened as usual, with bulk data left in the file, so memory stays flat. Dispose after the last use of the file.
/// </summary>
public sealed class PooledFileReader : IDisposable
{
    public const int WholeFileLimit = 32 * 1024 * 1024;

    private byte[]? _rented;

    private PooledFileReader(DicomFile file, byte[]? rented)
    {
        File = file;
        _rented = rented;
    }

    public DicomFile File { get; }

    public static PooledFileReader Open(string path)
    {
        using var handle = System.IO.File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > WholeFileLimit)
            return new PooledFileReader(DicomFile.Open(path), null);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
                if (n == 0) break;
                read += n;
            }
            return new PooledFileReader(DicomFile.Read(buffer.AsMemory(0, read)), buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Returns the buffer to the pool: nothing read from this file may be used afterwards.</summary>
    public void Dispose()
    {
        if (_rented is null) return;
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
    }
}
