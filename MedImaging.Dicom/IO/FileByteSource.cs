using Microsoft.Win32.SafeHandles;

namespace MedImaging.Dicom.IO;

/// <summary>A file read through a window; bulk data stays in the file as <see cref="FileBulkData"/>.</summary>
internal sealed class FileByteSource : WindowedByteSource
{
    private readonly SafeFileHandle _handle;
    private readonly string _path;

    public FileByteSource(string path)
    {
        _path = Path.GetFullPath(path);
        _handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        Length = RandomAccess.GetLength(_handle);
    }

    public override long Length { get; }

    protected override int ReadAt(Span<byte> target, long position) => RandomAccess.Read(_handle, target, position);

    public override DicomBulkData Bulk(long position, long length) => new FileBulkData(_path, position, length);

    /// <summary>A stream over the rest of the file from <paramref name="position"/> (for inflating).</summary>
    public Stream OpenStreamAt(long position)
    {
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        stream.Position = position;
        return stream;
    }

    public override void Dispose()
    {
        _handle.Dispose();
        base.Dispose();
    }
}
