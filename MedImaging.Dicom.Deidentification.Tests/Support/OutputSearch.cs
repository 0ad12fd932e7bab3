using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>Searches written files for text in every encoding a DICOM value could use, inflating deflated datasets first.</summary>
internal static class OutputSearch
{
    private static readonly Encoding[] Encodings =
    [
        Encoding.Latin1, Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode,
    ];

    /// <summary>The bytes to search: the file itself plus, for a deflated transfer syntax, the inflated dataset.</summary>
    public static byte[] Searchable(byte[] part10)
    {
        var file = DicomFile.Read(part10, DicomReadOptions.HeaderOnly);
        if (!file.FileMetaInfo.TransferSyntax!.IsDeflate)
            return part10;
        var metaLength = BinaryPrimitives.ReadUInt32LittleEndian(part10.AsSpan(132 + 8));
        var datasetStart = 132 + 12 + (int)metaLength;
        using var inflated = new MemoryStream();
        using (var deflate = new DeflateStream(new MemoryStream(part10, datasetStart, part10.Length - datasetStart), CompressionMode.Decompress))
            deflate.CopyTo(inflated);
        return [.. part10, .. inflated.ToArray()];
    }

    public static bool Contains(byte[] haystack, string text) =>
        Encodings.Any(e => haystack.AsSpan().IndexOf(e.GetBytes(text)) >= 0);
}
