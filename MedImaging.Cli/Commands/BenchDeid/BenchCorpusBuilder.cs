using System.Globalization;
using MedImaging.Dicom;

namespace MedImaging.Cli.Commands.BenchDeid;

/// <summary>Writes N copies of a source image, each with its own SOP Instance UID and the fake PHI of <see cref="BenchPhi"/>.</summary>
internal static class BenchCorpusBuilder
{
    public static IReadOnlyList<string> Build(string source, string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var file = DicomFile.Open(source);
            var dataset = file.Dataset;
            var studyRoot = "2.25.9876543210";
            dataset.AddOrUpdate(DicomVR.UI, DicomTag.StudyInstanceUID, $"{studyRoot}.{i / 50}");
            dataset.AddOrUpdate(DicomVR.UI, DicomTag.SeriesInstanceUID, $"{studyRoot}.{i / 50}.1");
            dataset.AddOrUpdate(DicomVR.UI, DicomTag.SOPInstanceUID, $"{studyRoot}.{i / 50}.1.{i}");
            dataset.AddOrUpdate(DicomVR.UI, DicomTag.FrameOfReferenceUID, $"{studyRoot}.{i / 50}.2");
            foreach (var (tag, vr, value) in BenchPhi.TopLevel)
                dataset.AddOrUpdate(vr, tag, string.Format(CultureInfo.InvariantCulture, value, i));

            dataset.AddOrUpdate(DicomVR.LO, new DicomTag(BenchPhi.PrivateGroup, 0x0010), BenchPhi.PrivateCreator);
            foreach (var (element, vr, value) in BenchPhi.Private)
                dataset.AddOrUpdate(vr, new DicomTag(BenchPhi.PrivateGroup, element, BenchPhi.PrivateCreator), string.Format(CultureInfo.InvariantCulture, value, i));

            var otherId = new DicomDataset();
            otherId.AddOrUpdate(DicomVR.LO, DicomTag.PatientID, string.Format(CultureInfo.InvariantCulture, "OLD-MRN-{0:D5}", i));
            otherId.AddOrUpdate(DicomVR.CS, DicomTag.TypeOfPatientID, "TEXT");
            dataset.AddOrUpdate(new DicomSequence(DicomTag.OtherPatientIDsSequence, otherId));
            var request = new DicomDataset();
            request.AddOrUpdate(DicomVR.PN, DicomTag.RequestingPhysician, "WILSON^JAMES");
            request.AddOrUpdate(DicomVR.SH, DicomTag.RequestedProcedureID, "RP-88231");
            dataset.AddOrUpdate(new DicomSequence(DicomTag.RequestAttributesSequence, request));

            var path = Path.Combine(directory, $"ct{i:D4}.dcm");
            new DicomFile(new DicomFileMetaInformation(dataset, file.TransferSyntax), dataset, DicomFileFormat.Part10, null).Save(path);
            paths.Add(path);
        }
        return paths;
    }
}
