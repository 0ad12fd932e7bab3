namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>
/// The pixel data of one dataset, decoded a frame at a time: only the bytes of the requested frame
/// are read (a file range for native data, that frame's fragments for encapsulated data).
/// </summary>
public sealed class DicomPixelData
{
    private readonly DicomItem _pixelItem;

    private DicomPixelData(DicomDataset dataset, DicomTransferSyntax syntax, PixelFormat format, int frameCount, DicomItem pixelItem)
    {
        Dataset = dataset;
        TransferSyntax = syntax;
        Format = format;
        FrameCount = frameCount;
        _pixelItem = pixelItem;
    }

    public DicomDataset Dataset { get; }
    public DicomTransferSyntax TransferSyntax { get; }
    public PixelFormat Format { get; }
    public int FrameCount { get; }

    public static DicomPixelData Create(DicomFile file) => Create(file.Dataset, PixelSyntax(file));

    /// <summary>
    /// The syntax the pixel data is in: the meta group's, else a (0002,0010) left inside a raw dataset
    /// (some files carry their meta elements without preamble), else the syntax the dataset was read in.
    /// </summary>
    private static DicomTransferSyntax PixelSyntax(DicomFile file)
    {
        if (file.FileMetaInfo.TransferSyntax is { } meta) return meta;
        if (file.Dataset.GetStringOrDefault(DicomTag.TransferSyntaxUID) is { Length: > 0 } uid
            && file.Dataset.GetDicomItem(DicomTag.PixelData) is DicomFragmentSequence)
            return DicomTransferSyntax.Parse(uid);
        return file.TransferSyntax;
    }

    public static DicomPixelData Create(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var item = dataset.GetDicomItem(DicomTag.PixelData) ?? throw new PixelDataException("the dataset has no Pixel Data (7FE0,0010)");
        var format = PixelFormatReader.Read(dataset);
        var frames = dataset.TryGetValue<int>(DicomTag.NumberOfFrames, 0, out var n) && n > 0 ? n : 1;
        if (item is DicomFragmentSequence != syntax.IsEncapsulated && syntax.UID.UID != DeflatedFrameSyntax)
            throw new PixelDataException($"pixel data encoding does not match transfer syntax {syntax.UID.UID}");
        if (item is DicomElement native && !syntax.IsEncapsulated)
        {
            var needed = NativeFrameConverter.NativeLength(format) * frames;
            if (format.BitsAllocated == 1 && (long)format.PixelCount * format.SamplesPerPixel % 8 != 0 && frames > 1)
                throw new PixelDataException("multi-frame 1-bit data whose frames do not end on a byte boundary is not supported");
            if (native.Length < needed)
                throw new PixelDataException($"pixel data holds {native.Length} bytes, {frames} frame(s) need {needed}");
        }
        return new DicomPixelData(dataset, syntax, format, frames, item);
    }

    private const string DeflatedFrameSyntax = FrameDecoder.DeflatedImageFrameCompression;

    /// <summary>The frame's bytes as stored: the native slice, or its fragments joined.</summary>
    public byte[] GetEncodedFrame(int frame)
    {
        if (frame < 0 || frame >= FrameCount) throw new PixelDataException($"frame {frame + 1} requested, the image has {FrameCount}");
        if (_pixelItem is DicomFragmentSequence sequence)
        {
            var fragments = EncapsulatedFrameLocator.Fragments(Dataset, sequence, frame, FrameCount, TransferSyntax.UID.UID);
            var total = fragments.Sum(f => f.Length);
            if (total > Array.MaxLength) throw new PixelDataException($"frame {frame + 1} is {total} bytes");
            var joined = GC.AllocateUninitializedArray<byte>((int)total); // every fragment is copied in
            var at = 0;
            foreach (var fragment in fragments)
            {
                fragment.GetBytes().Span.CopyTo(joined.AsSpan(at));
                at += (int)fragment.Length;
            }
            return joined;
        }
        var element = (DicomElement)_pixelItem;
        var length = NativeFrameConverter.NativeLength(Format);
        return ReadRange(element, frame * length, length);
    }

    /// <summary>Decodes one frame (0-based) without touching the others.</summary>
    public DecodedFrame DecodeFrame(int frame)
    {
        var encoded = GetEncodedFrame(frame);
        if (_pixelItem is DicomElement native && !TransferSyntax.IsEncapsulated && TransferSyntax.UID.UID != DeflatedFrameSyntax)
            return NativeFrameConverter.ConvertOwned(encoded, Format, native.IsBigEndian);
        return FrameDecoder.Decode(TransferSyntax.UID.UID, encoded, Format, _pixelItem is DicomElement { IsBigEndian: true });
    }

    private static byte[] ReadRange(DicomElement element, long offset, long length)
    {
        if (offset + length > element.Length) throw new PixelDataException($"pixel data ends before byte {offset + length}");
        if (element.BulkData is FileBulkData { IsLoaded: false } file)
        {
            var bytes = GC.AllocateUninitializedArray<byte>(checked((int)length)); // filled by the loop or an exception
            using var handle = File.OpenHandle(file.Path);
            var read = 0;
            while (read < bytes.Length)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(read), file.Offset + offset + read);
                if (n == 0) throw new PixelDataException("file shorter than when it was read");
                read += n;
            }
            return bytes;
        }
        return element.Buffer.Slice((int)offset, (int)length).ToArray();
    }
}
