using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Json;

public class DicomJsonReaderTests
{
    [Theory]
    [MemberData(nameof(Corpus.ReadableFiles), MemberType = typeof(Corpus))]
    public void Json_written_and_read_back_gives_the_same_json(string name)
    {
        var dataset = DicomFile.Open(TestCorpus.File(name)).Dataset;
        var json = DicomJsonWriter.Write(dataset, DicomJsonOptions.WithoutPixelData);
        var reread = DicomJsonReader.Read(json);
        Assert.Equal(json, DicomJsonWriter.Write(reread, DicomJsonOptions.WithoutPixelData));
    }

    [Fact]
    public void Reads_typed_values()
    {
        var dataset = DicomJsonReader.Read("""
            {"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe^Jane","Ideographic":"X"}]},
             "00280010":{"vr":"US","Value":[512]},
             "00280030":{"vr":"DS","Value":[0.5,0.25]},
             "00200013":{"vr":"IS","Value":[7]},
             "00209165":{"vr":"AT","Value":["00100010"]},
             "00081115":{"vr":"SQ","Value":[{"0020000E":{"vr":"UI","Value":["1.2.3"]}}]}}
            """);
        Assert.Equal("Doe^Jane=X", dataset.GetString(DicomTag.PatientName));
        Assert.Equal((ushort)512, dataset.GetValue<ushort>(DicomTag.Rows));
        Assert.Equal([0.5, 0.25], dataset.GetValues<double>(DicomTag.PixelSpacing));
        Assert.Equal(7, dataset.GetValue<int>(DicomTag.InstanceNumber));
        Assert.Equal(DicomTag.PatientName, dataset.GetValue<DicomTag>(DicomTag.DimensionIndexPointer));
        Assert.Equal("1.2.3", dataset.GetSequence(DicomTag.ReferencedSeriesSequence)!.Items[0].GetString(DicomTag.SeriesInstanceUID));
    }

    [Fact]
    public void Malformed_json_is_a_typed_error() =>
        Assert.Throws<DicomDataException>(() => DicomJsonReader.Read("{\"0010\":{}}"));

    [Fact]
    public void Bulk_data_written_as_uris_reads_back_through_the_resolver()
    {
        var dataset = DicomFile.Open(TestCorpus.File("mr_overlay_icon.dcm")).Dataset; // overlays, and an icon image inside a sequence
        var stored = new Dictionary<string, ReadOnlyMemory<byte>>();
        var options = new DicomJsonOptions
        {
            BulkDataUri = (tag, element) =>
            {
                var uri = $"bulk/{tag.Group:X4}{tag.Element:X4}/{stored.Count}";
                stored[uri] = element.Buffer;
                return uri;
            },
        };
        var json = DicomJsonWriter.Write(dataset, options);
        Assert.Contains("BulkDataURI", json);
        var requested = new List<string>();

        var reread = DicomJsonReader.Read(json, (_, uri) => { requested.Add(uri); return stored[uri]; });

        Assert.Equal(stored.Keys.Order(), requested.Order());
        Assert.Equal(DicomJsonWriter.Write(dataset), DicomJsonWriter.Write(reread));
    }

    [Fact]
    public void A_bulk_data_uri_without_a_resolver_is_refused_not_read_as_empty()
    {
        var error = Assert.Throws<DicomDataException>(() =>
            DicomJsonReader.Read("""{"7FE00010":{"vr":"OW","BulkDataURI":"https://example.invalid/frames/1"}}"""));
        Assert.Equal(DicomTag.PixelData, error.Tag);
        Assert.DoesNotContain("example.invalid", error.Message);
    }
}
