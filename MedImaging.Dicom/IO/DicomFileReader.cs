using System.Buffers.Binary;

namespace MedImaging.Dicom.IO;

/// <summary>Reads preamble, "DICM", the meta group, then the dataset in the syntax the meta group names.</summary>
internal static class DicomFileReader
{
    private static ReadOnlySpan<byte> Magic => "DICM"u8;

    public static DicomFile Read(ByteSource source, DicomReadOptions options, Func<long, Stream> openAt)
    {
        var length = source.Length;
        if (length >= 132 && source.Peek(128, 4).SequenceEqual(Magic))
        {
            var preamble = source.Value(0, 128).ToArray();
            var meta = new DicomFileMetaInformation();
            var metaReader = new DicomDatasetReader(source, options, isExplicitVR: true, isBigEndian: false);
            var position = metaReader.ReadDataset(meta, 132, length, DicomDatasetReader.Scope.MetaGroup, 0);
            if (meta.Count == 0) throw new DicomFormatException("no File Meta Information after 'DICM'", 132);
            var syntax = meta.TransferSyntax ?? Detect(source, position);
            var dataset = ReadDataset(source, options, syntax, position, openAt, out var reader);
            return new DicomFile(meta, dataset, DicomFileFormat.Part10, preamble)
            {
                // An offset in an inflated dataset is no offset in the file.
                PixelDataOffset = syntax.IsDeflate ? null : reader.PixelDataOffset,
                TrailingZeroBytes = reader.TrailingZeroBytes,
            };
        }
        if (length >= 4 && source.Peek(0, 4).SequenceEqual(Magic))
            throw new DicomFormatException("'DICM' at offset 0: the 128-byte preamble is missing", 0);
        var detected = Detect(source, 0);
        var raw = ReadDataset(source, options, detected, 0, openAt, out var rawReader);
        return new DicomFile(new DicomFileMetaInformation(), raw, DicomFileFormat.RawDataset, null)
        {
            PixelDataOffset = rawReader.PixelDataOffset,
            TrailingZeroBytes = rawReader.TrailingZeroBytes,
        };
    }

    private static DicomDataset ReadDataset(ByteSource source, DicomReadOptions options, DicomTransferSyntax syntax, long position,
        Func<long, Stream> openAt, out DicomDatasetReader reader)
    {
        var dataset = new DicomDataset { InternalTransferSyntax = syntax };
        if (syntax.IsDeflate)
        {
            using var inflated = new InflatingByteSource(() => openAt(position), options.MaxInflatedBytes, position);
            reader = new DicomDatasetReader(inflated, options, isExplicitVR: true, isBigEndian: false);
            reader.ReadDataset(dataset, 0, inflated.Length, DicomDatasetReader.Scope.ToEnd, 0);
            return dataset;
        }
        reader = new DicomDatasetReader(source, options, syntax.IsExplicitVR, syntax.IsBigEndian);
        reader.ReadDataset(dataset, position, source.Length, DicomDatasetReader.Scope.ToEnd, 0);
        return dataset;
    }

    /// <summary>
    /// Guesses the encoding of a dataset without meta from its first element, as dcmtk does: the byte order that gives a
    /// small group, and explicit VR when bytes 4-5 are a VR code.
    /// </summary>
    internal static DicomTransferSyntax Detect(ByteSource source, long position)
    {
        if (source.Length - position < 8) throw new DicomFormatException("too short to be a DICOM dataset", position);
        var head = source.Peek(position, 8);
        var little = BinaryPrimitives.ReadUInt16LittleEndian(head);
        var big = BinaryPrimitives.ReadUInt16BigEndian(head);
        var bigEndian = big < little;
        var group = bigEndian ? big : little;
        // A dataset sorted by tag starts in a low group; odd (private or even illegal) groups below 0x0100 are kept
        // readable so that anything we read and write back reads again.
        if (group > 0x00FF)
            throw new DicomFormatException("not DICOM: no 'DICM' marker and the first bytes are not a data element", position);
        var isExplicit = DicomVR.TryParse((ushort)((head[4] << 8) | head[5]), out _);
        if (bigEndian) return isExplicit ? DicomTransferSyntax.ExplicitVRBigEndian : DicomTransferSyntax.ExplicitVRBigEndian;
        return isExplicit ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
    }
}
