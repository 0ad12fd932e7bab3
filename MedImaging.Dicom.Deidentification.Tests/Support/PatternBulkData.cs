namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>Synthetic pixel data that is generated while written, so a test can write a huge file without holding it.</summary>
internal sealed class PatternBulkData(long length) : DicomBulkData
{
    public override long Length => length;

    public override ReadOnlyMemory<byte> GetBytes() => throw new InvalidOperationException("pattern bulk data only streams");

    public override void CopyTo(Stream destination)
    {
        var buffer = new byte[1 << 16];
        for (var i = 0; i < buffer.Length; i++)
            buffer[i] = (byte)(i * 31 + 7);
        for (var remaining = length; remaining > 0; remaining -= buffer.Length)
            destination.Write(buffer, 0, (int)Math.Min(buffer.Length, remaining));
    }
}
