using MedImaging.Dicom;

namespace MedImaging.Cli.Commands.BenchDeid;

/// <summary>
/// A dataset of a given number of elements, like a hostile upload's: a few identifying attributes, then small private
/// elements (each removed by the basic profile) in the odd groups from 0009, 240 blocks of 256 per group.
/// </summary>
public static class ManyElementDataset
{
    private const int PerGroup = 240 * 256;

    public static DicomFile Build(int elements)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomElementFactory.FromStrings(DicomTag.SOPClassUID, DicomVR.UI, ["1.2.840.10008.5.1.4.1.1.7"]));
        dataset.AddOrUpdate(DicomElementFactory.FromStrings(DicomTag.SOPInstanceUID, DicomVR.UI, ["1.2.826.0.1.3680043.10.543.9.1"]));
        dataset.AddOrUpdate(DicomElementFactory.FromStrings(DicomTag.StudyDate, DicomVR.DA, ["20240102"]));
        for (var group = 0; group * PerGroup < elements; group++)
        {
            var number = (ushort)(0x0009 + 2 * group);
            var inGroup = Math.Min(PerGroup, elements - group * PerGroup);
            for (var block = 0; block * 256 < inGroup; block++)
                dataset.AddOrUpdate(DicomElementFactory.FromStrings(new DicomTag(number, (ushort)(0x10 + block)), DicomVR.LO, [$"BENCH{block:D3}"]));
            for (var i = 0; i < inGroup; i++)
            {
                var tag = new DicomTag(number, (ushort)(((0x10 + i / 256) << 8) | (i % 256)), $"BENCH{i / 256:D3}");
                dataset.AddOrUpdate(new DicomElement(tag, DicomVR.SS, new byte[] { (byte)i, 0 }));
            }
        }
        dataset.AddOrUpdate(DicomElementFactory.FromStrings(DicomTag.PatientName, DicomVR.PN, ["Bench^Patient"]));
        dataset.AddOrUpdate(DicomElementFactory.FromStrings(DicomTag.PatientID, DicomVR.LO, ["BENCH-1"]));
        dataset.AddOrUpdate(DicomElementFactory.FromStrings(DicomTag.StudyInstanceUID, DicomVR.UI, ["1.2.826.0.1.3680043.10.543.9"]));
        return new DicomFile(dataset);
    }
}
