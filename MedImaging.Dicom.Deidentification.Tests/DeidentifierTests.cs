using System.Text;
using MedImaging.Dicom.Deidentification.Dates;
using MedImaging.Dicom.Deidentification.Audit;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;
using MedImaging.Dicom.Deidentification.Tests.Support;

namespace MedImaging.Dicom.Deidentification.Tests;

public class DeidentifierTests
{
    [Fact]
    public void Basic_profile_empties_removes_and_replaces_per_table()
    {
        var output = Datasets.RoundTrip(Datasets.Ct());
        Assert.Equal("", output.GetString(DicomTag.PatientName));
        Assert.Equal("", output.GetString(DicomTag.PatientID));
        Assert.Equal("", output.GetString(DicomTag.StudyDate));
        Assert.False(output.Contains(DicomTag.InstitutionName));
        Assert.False(output.Contains(DicomTag.StationName));
        Assert.False(output.Contains(DicomTag.StudyDescription));
        Assert.False(output.Contains(DicomTag.PatientAge));
        Assert.StartsWith("2.25.", output.GetString(DicomTag.StudyInstanceUID));
        Assert.Equal(Datasets.CtImageStorage, output.GetString(DicomTag.SOPClassUID));
        Assert.Equal("ACME", output.GetString(DicomTag.Manufacturer));
        Assert.Equal("CT", output.GetString(DicomTag.Modality));
    }

    [Fact]
    public void Output_is_marked_with_profile_options_and_cid_7050_codes()
    {
        var policy = DeidentificationPolicy.Basic.With(ProfileOption.RetainUids).With(ProfileOption.CleanDescriptors);
        var output = Datasets.RoundTrip(Datasets.Ct(), policy);
        Assert.Equal("YES", output.GetString(DicomTag.PatientIdentityRemoved));
        Assert.Contains("2024b", output.GetString(DicomTag.DeidentificationMethod));
        var codes = output.GetSequence(DicomTag.DeidentificationMethodCodeSequence)!.Items
            .Select(i => (i.GetString(DicomTag.CodeValue), i.GetString(DicomTag.CodingSchemeDesignator), i.GetString(DicomTag.CodeMeaning))).ToList();
        Assert.Equal(
        [
            ("113100", "DCM", "Basic Application Confidentiality Profile"),
            ("113105", "DCM", "Clean Descriptors Option"),
            ("113110", "DCM", "Retain UIDs Option"),
        ], codes);
        Assert.Equal("REMOVED", output.GetString(DicomTag.LongitudinalTemporalInformationModified));
    }

    [Fact]
    public void Same_study_gets_same_new_uids_and_different_secrets_differ()
    {
        var a = Datasets.RoundTrip(Datasets.Ct());
        var b = Datasets.Ct();
        b.AddOrUpdate(DicomVR.UI, DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.99.1.2");
        var bOut = Datasets.RoundTrip(b);
        Assert.Equal(a.GetString(DicomTag.StudyInstanceUID), bOut.GetString(DicomTag.StudyInstanceUID));
        Assert.Equal(a.GetString(DicomTag.FrameOfReferenceUID), bOut.GetString(DicomTag.FrameOfReferenceUID));
        Assert.NotEqual(a.GetString(DicomTag.SOPInstanceUID), bOut.GetString(DicomTag.SOPInstanceUID));
        var other = Datasets.RoundTrip(Datasets.Ct(), secret: "another-secret");
        Assert.NotEqual(a.GetString(DicomTag.StudyInstanceUID), other.GetString(DicomTag.StudyInstanceUID));
    }

    [Fact]
    public void File_meta_follows_the_new_sop_instance_uid()
    {
        var result = Datasets.Deidentify(Datasets.Ct());
        Assert.Equal(result.SopInstanceUid, result.File.FileMetaInfo.MediaStorageSOPInstanceUID);
        Assert.Equal(result.File.Dataset.GetString(DicomTag.SOPInstanceUID), result.SopInstanceUid);
        Assert.Equal(Datasets.CtImageStorage, result.File.FileMetaInfo.MediaStorageSOPClassUID);
    }

    [Fact]
    public void References_inside_sequences_get_the_same_new_uids()
    {
        var referencing = Datasets.Ct();
        referencing.AddOrUpdate(DicomVR.UI, DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.99.1.9");
        var item = new DicomDataset();
        item.AddOrUpdate(DicomVR.UI, DicomTag.ReferencedSOPClassUID, Datasets.CtImageStorage);
        item.AddOrUpdate(DicomVR.UI, DicomTag.ReferencedSOPInstanceUID, "1.2.826.0.1.3680043.99.1.1");
        var derivation = new DicomDataset();
        derivation.AddOrUpdate(new DicomSequence(DicomTag.SourceImageSequence, item));
        referencing.AddOrUpdate(new DicomSequence(DicomTag.DerivationImageSequence, derivation));

        var referenced = Datasets.RoundTrip(Datasets.Ct());
        var output = Datasets.RoundTrip(referencing);
        var reference = output.GetSequence(DicomTag.DerivationImageSequence)!.Items[0].GetSequence(DicomTag.SourceImageSequence)!.Items[0];
        Assert.Equal(referenced.GetString(DicomTag.SOPInstanceUID), reference.GetString(DicomTag.ReferencedSOPInstanceUID));
        Assert.Equal(Datasets.CtImageStorage, reference.GetString(DicomTag.ReferencedSOPClassUID));
    }

    [Fact]
    public void Top_level_source_image_sequence_is_removed_as_type_3()
    {
        var dataset = Datasets.Ct();
        var item = new DicomDataset();
        item.AddOrUpdate(DicomVR.UI, DicomTag.ReferencedSOPInstanceUID, "1.2.3.4");
        dataset.AddOrUpdate(new DicomSequence(DicomTag.SourceImageSequence, item));
        Assert.False(Datasets.RoundTrip(dataset).Contains(DicomTag.SourceImageSequence));
    }

    [Fact]
    public void Retain_uids_keeps_every_uid()
    {
        var output = Datasets.RoundTrip(Datasets.Ct(), DeidentificationPolicy.Basic.With(ProfileOption.RetainUids));
        Assert.Equal("1.2.826.0.1.3680043.99.2", output.GetString(DicomTag.StudyInstanceUID));
        Assert.Equal("1.2.826.0.1.3680043.99.1.1", output.GetString(DicomTag.SOPInstanceUID));
    }

    [Fact]
    public void Modified_dates_shift_every_date_of_a_patient_by_one_offset()
    {
        var policy = DeidentificationPolicy.Basic.With(ProfileOption.RetainLongitudinalModifiedDates);
        var first = Datasets.RoundTrip(Datasets.Ct(), policy);
        var second = Datasets.Ct();
        second.AddOrUpdate(DicomVR.DA, DicomTag.StudyDate, "20240101");
        second.AddOrUpdate(DicomVR.UI, DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.99.20");
        var secondOut = Datasets.RoundTrip(second, policy);

        static DateOnly Day(DicomDataset d, DicomTag tag) => DateOnly.ParseExact(d.GetString(tag), "yyyyMMdd");
        static DateTime At(DicomDataset d) => DateTime.ParseExact(d.GetString(DicomTag.StudyDate) + d.GetString(DicomTag.StudyTime), "yyyyMMddHHmmss", null);
        var expected = DateShifter.ForPatient(Encoding.UTF8.GetBytes("unit-secret"), "patient:PAT-001");
        var shift = TimeSpan.FromDays(expected.OffsetDays) + TimeSpan.FromMinutes(expected.OffsetMinutes);
        Assert.NotEqual(0, expected.OffsetMinutes);
        Assert.Equal(new DateTime(2023, 3, 14, 10, 15, 30) + shift, At(first)); // Study Date and Time move together
        Assert.Equal(new DateOnly(2023, 3, 15).AddDays(expected.OffsetDays), Day(first, DicomTag.ContentDate)); // no Content Time: whole days
        Assert.Equal(new DateTime(2024, 1, 1, 10, 15, 30) + shift, At(secondOut)); // same patient, same offset
        Assert.Equal("MODIFIED", first.GetString(DicomTag.LongitudinalTemporalInformationModified));
        Assert.Equal("", first.GetString(DicomTag.PatientBirthDate)); // birth date has no option cell: still emptied
    }

    [Fact]
    public void Modified_dates_move_times_and_datetimes_with_their_dates()
    {
        var policy = DeidentificationPolicy.Basic.With(ProfileOption.RetainLongitudinalModifiedDates);
        var dataset = Datasets.Ct();
        dataset.AddOrUpdate(DicomVR.TM, DicomTag.StudyTime, "233000");
        dataset.AddOrUpdate(DicomVR.DT, DicomTag.AcquisitionDateTime, "20230314233000");
        dataset.AddOrUpdate(DicomVR.TM, DicomTag.ContrastBolusStartTime, "2330");
        var output = Datasets.RoundTrip(dataset, policy);

        var shifter = DateShifter.ForPatient(Encoding.UTF8.GetBytes("unit-secret"), "patient:PAT-001");
        var shift = TimeSpan.FromDays(shifter.OffsetDays) + TimeSpan.FromMinutes(shifter.OffsetMinutes);
        var expected = new DateTime(2023, 3, 14, 23, 30, 0) + shift;
        Assert.Equal(expected.ToString("yyyyMMdd"), output.GetString(DicomTag.StudyDate));
        Assert.Equal(expected.ToString("HHmmss"), output.GetString(DicomTag.StudyTime));
        Assert.Equal(expected.ToString("yyyyMMddHHmmss"), output.GetString(DicomTag.AcquisitionDateTime));
        Assert.Equal(expected.ToString("HHmm"), output.GetString(DicomTag.ContrastBolusStartTime)); // no date partner: the time of day moves
    }

    [Fact]
    public void Another_patient_gets_another_offset()
    {
        var policy = DeidentificationPolicy.Basic.With(ProfileOption.RetainLongitudinalModifiedDates);
        var shifts = Enumerable.Range(0, 5)
            .Select(i => Datasets.RoundTrip(Datasets.Ct($"PAT-{i}"), policy).GetString(DicomTag.StudyDate))
            .Distinct().Count();
        Assert.True(shifts > 1);
    }

    [Fact]
    public void Full_dates_keep_dates_and_say_unmodified()
    {
        var output = Datasets.RoundTrip(Datasets.Ct(), DeidentificationPolicy.Basic.With(ProfileOption.RetainLongitudinalFullDates));
        Assert.Equal("20230314", output.GetString(DicomTag.StudyDate));
        Assert.Equal("UNMODIFIED", output.GetString(DicomTag.LongitudinalTemporalInformationModified));
    }

    [Fact]
    public void Device_institution_and_patient_characteristics_options_keep_their_attributes()
    {
        var policy = DeidentificationPolicy.Basic
            .With(ProfileOption.RetainDeviceIdentity)
            .With(ProfileOption.RetainInstitutionIdentity)
            .With(ProfileOption.RetainPatientCharacteristics);
        var output = Datasets.RoundTrip(Datasets.Ct(), policy);
        Assert.Equal("RGH-CT02", output.GetString(DicomTag.StationName));
        Assert.Equal("Riverside General Hospital", output.GetString(DicomTag.InstitutionName));
        Assert.Equal("051Y", output.GetString(DicomTag.PatientAge));
        Assert.Equal("F", output.GetString(DicomTag.PatientSex));
    }

    [Fact]
    public void Clean_descriptors_scrubs_identifying_words_from_descriptions()
    {
        var output = Datasets.RoundTrip(Datasets.Ct(), DeidentificationPolicy.Basic.With(ProfileOption.CleanDescriptors));
        Assert.Equal("CT HEAD for", output.GetString(DicomTag.StudyDescription));
    }

    [Fact]
    public void Private_attributes_are_removed_unless_on_the_safe_list()
    {
        var dataset = Datasets.Ct();
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0029, 0x0010), "ACME SAFE");
        dataset.AddOrUpdate(DicomVR.DS, new DicomTag(0x0029, 0x1001, "ACME SAFE"), "1.5");
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0029, 0x1002, "ACME SAFE"), "DOE^JANE");
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0031, 0x0010), "OTHER");
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0031, 0x1001, "OTHER"), "MRN123");

        var basic = Datasets.RoundTrip(dataset.Clone());
        Assert.DoesNotContain(basic, i => i.Tag.IsPrivate);

        var policy = DeidentificationPolicy.Basic.With(ProfileOption.RetainSafePrivate) with
        {
            SafePrivateAttributes = [SafePrivateAttribute.Parse("ACME SAFE:0029:01")],
        };
        var retained = Datasets.RoundTrip(dataset, policy);
        Assert.Equal(
            [new DicomTag(0x0029, 0x0010), new DicomTag(0x0029, 0x1001)],
            retained.Where(i => i.Tag.IsPrivate).Select(i => i.Tag).ToList());
        Assert.Equal("1.5", retained.GetString(new DicomTag(0x0029, 0x1001)));
    }

    [Fact]
    public void Overlays_curves_and_icon_are_removed_with_their_whole_group()
    {
        var dataset = Datasets.Ct();
        dataset.AddOrUpdate(DicomVR.US, new DicomTag(0x6000, 0x0010), (ushort)4);
        dataset.AddOrUpdate(DicomVR.US, new DicomTag(0x6000, 0x0011), (ushort)4);
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[4]));
        dataset.AddOrUpdate(DicomVR.US, new DicomTag(0x5000, 0x0005), (ushort)2);
        var icon = new DicomDataset();
        icon.AddOrUpdate(DicomVR.US, DicomTag.Rows, (ushort)1);
        dataset.AddOrUpdate(new DicomSequence(DicomTag.IconImageSequence, icon));

        var output = Datasets.RoundTrip(dataset.Clone());
        Assert.DoesNotContain(output, i => i.Tag.Group is 0x6000 or 0x5000);
        Assert.False(output.Contains(DicomTag.IconImageSequence));

        var graphics = Datasets.Deidentify(dataset, DeidentificationPolicy.Basic.With(ProfileOption.CleanGraphics));
        Assert.True(graphics.File.Dataset.Contains(new DicomTag(0x6000, 0x3000)));
        Assert.True(graphics.Audit.BurnedInAnnotationRisk.AtRisk);
    }

    [Fact]
    public void Newer_identity_attributes_and_unlisted_names_dates_and_uids_are_handled_by_vr()
    {
        var dataset = Datasets.Ct();
        dataset.AddOrUpdate(DicomVR.LT, new DicomTag(0x0010, 0x0012), "Jenny");
        dataset.AddOrUpdate(DicomVR.UC, new DicomTag(0x0010, 0x2162), "Example");
        dataset.AddOrUpdate(DicomVR.PN, new DicomTag(0x0014, 0x2006), "EVALUATOR^ED");
        dataset.AddOrUpdate(DicomVR.DA, new DicomTag(0x0014, 0x1020), "20250101");
        dataset.AddOrUpdate(DicomVR.UI, new DicomTag(0x0008, 0x1167), "1.2.826.0.1.3680043.99.77");
        dataset.AddOrUpdate(DicomVR.UI, DicomTag.CodingSchemeUID, "2.16.840.1.113883.6.96");

        var output = Datasets.RoundTrip(dataset);
        Assert.False(output.Contains(new DicomTag(0x0010, 0x0012)));
        Assert.False(output.Contains(new DicomTag(0x0010, 0x2162)));
        Assert.False(output.Contains(new DicomTag(0x0014, 0x2006)));
        Assert.False(output.Contains(new DicomTag(0x0014, 0x1020)));
        Assert.StartsWith("2.25.", output.GetString(new DicomTag(0x0008, 0x1167)));
        Assert.Equal("2.16.840.1.113883.6.96", output.GetString(DicomTag.CodingSchemeUID));
    }

    [Fact]
    public void Compound_content_date_becomes_a_dummy_in_enhanced_iods()
    {
        var classic = Datasets.RoundTrip(Datasets.Ct());
        var enhanced = Datasets.RoundTrip(Datasets.Ct(sopClass: Datasets.EnhancedCtImageStorage));
        Assert.Equal("", classic.GetString(DicomTag.ContentDate));
        Assert.Equal("19000101", enhanced.GetString(DicomTag.ContentDate));
    }

    [Fact]
    public void Audit_lists_outcomes_by_tag_and_never_values()
    {
        var dataset = Datasets.Ct();
        var result = Datasets.Deidentify(dataset);
        var audit = result.Audit;
        Assert.Contains(audit.Entries, e => e is { Path: "(0010,0010)", Outcome: AuditOutcome.Emptied });
        Assert.Contains(audit.Entries, e => e is { Path: "(0008,0080)", Outcome: AuditOutcome.Removed });
        Assert.Contains(audit.Entries, e => e is { Path: "(0020,000D)", Outcome: AuditOutcome.Replaced });
        Assert.Contains(audit.Entries, e => e is { Path: "(0008,0070)", Outcome: AuditOutcome.Kept });
        var json = audit.ToJson();
        Assert.Contains("{\"Path\":\"(0010,0010)\",\"Outcome\":\"Emptied\"", json);
        foreach (var phi in new[] { "DOE", "JANE", "PAT-001", "19710423", "Riverside", "1.2.826.0.1.3680043.99" })
            Assert.DoesNotContain(phi, json);
        Assert.Equal(ConfidentialityProfile.Edition, audit.ProfileEdition);
    }

    [Theory]
    [InlineData("US", null, true)]
    [InlineData("US", "NO", false)]
    [InlineData("CT", null, false)]
    [InlineData("CT", "YES", true)]
    [InlineData("OT", null, true)]
    public void Burned_in_annotation_risk_is_reported(string modality, string? burnedIn, bool atRisk)
    {
        var dataset = Datasets.Ct();
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.Modality, modality);
        if (burnedIn is not null)
            dataset.AddOrUpdate(DicomVR.CS, DicomTag.BurnedInAnnotation, burnedIn);
        Assert.Equal(atRisk, Datasets.Deidentify(dataset).Audit.BurnedInAnnotationRisk.AtRisk);
    }
}
