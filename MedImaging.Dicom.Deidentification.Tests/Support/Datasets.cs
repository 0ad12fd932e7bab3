using System.Text;
using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>Small datasets built in code, de-identified in memory and read back through our writer and reader.</summary>
internal static class Datasets
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string EnhancedCtImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";

    public static DicomDataset Ct(string patientId = "PAT-001", string sopClass = CtImageStorage)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomVR.UI, DicomTag.SOPClassUID, sopClass);
        dataset.AddOrUpdate(DicomVR.UI, DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.99.1.1");
        dataset.AddOrUpdate(DicomVR.UI, DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.99.2");
        dataset.AddOrUpdate(DicomVR.UI, DicomTag.SeriesInstanceUID, "1.2.826.0.1.3680043.99.3");
        dataset.AddOrUpdate(DicomVR.UI, DicomTag.FrameOfReferenceUID, "1.2.826.0.1.3680043.99.4");
        dataset.AddOrUpdate(DicomVR.DA, DicomTag.StudyDate, "20230314");
        dataset.AddOrUpdate(DicomVR.TM, DicomTag.StudyTime, "101530");
        dataset.AddOrUpdate(DicomVR.DA, DicomTag.ContentDate, "20230315");
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.Modality, "CT");
        dataset.AddOrUpdate(DicomVR.LO, DicomTag.Manufacturer, "ACME");
        dataset.AddOrUpdate(DicomVR.LO, DicomTag.InstitutionName, "Riverside General Hospital");
        dataset.AddOrUpdate(DicomVR.SH, DicomTag.StationName, "RGH-CT02");
        dataset.AddOrUpdate(DicomVR.LO, DicomTag.StudyDescription, "CT HEAD for DOE");
        dataset.AddOrUpdate(DicomVR.PN, DicomTag.PatientName, "DOE^JANE");
        dataset.AddOrUpdate(DicomVR.LO, DicomTag.PatientID, patientId);
        dataset.AddOrUpdate(DicomVR.DA, DicomTag.PatientBirthDate, "19710423");
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.PatientSex, "F");
        dataset.AddOrUpdate(DicomVR.AS, DicomTag.PatientAge, "051Y");
        dataset.AddOrUpdate(DicomVR.US, DicomTag.Rows, (ushort)4);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.Columns, (ushort)4);
        return dataset;
    }

    public static DeidentificationResult Deidentify(DicomDataset dataset, DeidentificationPolicy? policy = null, string secret = "unit-secret") =>
        new Deidentifier(policy ?? DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes(secret)).Deidentify(new DicomFile(dataset));

    /// <summary>De-identifies, writes and reads back, so assertions see what a reader of the output sees.</summary>
    public static DicomDataset RoundTrip(DicomDataset dataset, DeidentificationPolicy? policy = null, string secret = "unit-secret")
    {
        var result = Deidentify(dataset, policy, secret);
        using var stream = new MemoryStream();
        result.File.Save(stream);
        return DicomFile.Read(stream.ToArray()).Dataset;
    }
}
