namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>The exact stored bytes of the top-level pixel data (native value, or offset table and fragments).</summary>
internal static class PixelDataBytes
{
    public static byte[] Of(DicomFile file)
    {
        using var bytes = new MemoryStream();
        switch (file.Dataset.GetDicomItem(DicomTag.PixelData))
        {
            case DicomElement element:
                bytes.Write(element.Buffer.Span);
                break;
            case DicomFragmentSequence fragments:
                bytes.Write(fragments.OffsetTableData.GetBytes().Span);
                foreach (var fragment in fragments.Fragments)
                    bytes.Write(fragment.GetBytes().Span);
                break;
        }
        return bytes.ToArray();
    }
}
