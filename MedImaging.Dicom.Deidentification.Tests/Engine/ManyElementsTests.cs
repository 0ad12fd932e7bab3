using MedImaging.Dicom.Deidentification.Audit;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;
using MedImaging.Dicom.Deidentification.Tests.Support;

namespace MedImaging.Dicom.Deidentification.Tests.Engine;

/// <summary>
/// Datasets with tens of thousands of elements, whose removals are applied together once a dataset's items are done
/// (one at a time they made de-identification quadratic; `medimaging bench deid-scale` measures the time).
/// </summary>
public class ManyElementsTests
{
    private const int Blocks = 100;

    [Fact]
    public void Every_private_element_but_the_safe_one_is_removed_and_audited_once()
    {
        var dataset = Datasets.Ct();
        for (var block = 0; block < Blocks; block++)
            dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0009, (ushort)(0x10 + block)), $"CREATOR{block:D3}");
        for (var block = 0; block < Blocks; block++)
            for (var offset = 0; offset < 256; offset++)
                dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0009, (ushort)(((0x10 + block) << 8) | offset), $"CREATOR{block:D3}"), DicomVR.SS, new byte[2]));
        var policy = DeidentificationPolicy.Basic.With(ProfileOption.RetainSafePrivate) with
        {
            SafePrivateAttributes = [new SafePrivateAttribute("CREATOR007", 0x0009, 0x42)],
        };

        var result = Datasets.Deidentify(dataset, policy);

        var kept = result.File.Dataset.Where(i => i.Tag.IsPrivate).Select(i => i.Tag.Value).ToList();
        Assert.Equal([0x00090017u, 0x00091742u], kept);
        var privateEntries = result.Audit.Entries.Where(e => e.Path.StartsWith("(0009,", StringComparison.Ordinal)).ToList();
        Assert.Equal(Blocks * 257, privateEntries.Count);
        Assert.Equal(privateEntries.Count, privateEntries.Select(e => e.Path).Distinct().Count());
        Assert.Equal(Blocks * 257 - 2, privateEntries.Count(e => e.Outcome == AuditOutcome.Removed));
    }

    [Fact]
    public void A_large_overlay_group_without_overlay_data_is_removed_with_one_audit_entry_per_element()
    {
        var dataset = Datasets.Ct();
        for (ushort element = 0x1001; element < 0x3000; element++)
            dataset.AddOrUpdate(DicomVR.US, new DicomTag(0x6002, element), (ushort)1);

        var result = Datasets.Deidentify(dataset);

        Assert.DoesNotContain(result.File.Dataset, i => i.Tag.Group == 0x6002);
        var overlayEntries = result.Audit.Entries.Where(e => e.Path.StartsWith("(6002,", StringComparison.Ordinal)).ToList();
        Assert.Equal(0x3000 - 0x1001, overlayEntries.Count);
        Assert.Equal(overlayEntries.Count, overlayEntries.Select(e => e.Path).Distinct().Count());
        Assert.All(overlayEntries, e => Assert.Equal(AuditOutcome.Removed, e.Outcome));
    }

    [Fact]
    public void Items_of_a_kept_sequence_have_their_own_removals()
    {
        var dataset = Datasets.Ct();
        var items = Enumerable.Range(0, 50).Select(i =>
        {
            var item = new DicomDataset();
            item.AddOrUpdate(DicomVR.UI, DicomTag.ReferencedSOPClassUID, Datasets.CtImageStorage);
            item.AddOrUpdate(DicomVR.UI, DicomTag.ReferencedSOPInstanceUID, $"1.2.826.0.1.3680043.99.9.{i}");
            item.AddOrUpdate(DicomVR.LO, new DicomTag(0x0011, 0x0010), "ITEMCREATOR");
            item.AddOrUpdate(DicomVR.LO, new DicomTag(0x0011, 0x1001, "ITEMCREATOR"), "private in an item");
            return item;
        }).ToArray();
        dataset.AddOrUpdate(new DicomSequence(DicomTag.ReferencedImageSequence, items));

        // retain_uids keeps the sequence (K), so its items are processed.
        var output = Datasets.RoundTrip(dataset, DeidentificationPolicy.Basic.With(ProfileOption.RetainUids));

        var sequence = output.GetSequence(DicomTag.ReferencedImageSequence)!;
        Assert.Equal(50, sequence.Items.Count);
        Assert.All(sequence.Items, item =>
        {
            Assert.DoesNotContain(item, i => i.Tag.IsPrivate);
            Assert.StartsWith("1.2.826.0.1.3680043.99.9.", item.GetString(DicomTag.ReferencedSOPInstanceUID));
        });
    }
}
