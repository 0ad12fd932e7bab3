namespace MedImaging.Tests.Api.DirectUploads;

/// <summary>Large DICOM files for direct-upload tests: a real file grown by Data Set Trailing Padding.</summary>
public static class PaddedDicom
{
    /// <summary>
    /// The file followed by a (FFFC,FFFC) OB element in explicit VR little endian, a valid last element of any size, so
    /// that the result is exactly <paramref name="totalSize"/> bytes and still parses to the same dataset.
    /// </summary>
    public static byte[] Of(string path, int totalSize)
    {
        var file = File.ReadAllBytes(path);
        var padding = totalSize - file.Length - 12;
        byte[] header = [0xFC, 0xFF, 0xFC, 0xFF, (byte)'O', (byte)'B', 0, 0, .. BitConverter.GetBytes(padding)];
        var bytes = new byte[totalSize];
        file.CopyTo(bytes, 0);
        header.CopyTo(bytes, file.Length);
        return bytes;
    }
}
