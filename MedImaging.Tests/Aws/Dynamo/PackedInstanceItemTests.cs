using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Silo.Instances;
using static MedImaging.Aws.Dynamo.StudyTableSchema;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>
/// Instance items hold their record packed in one binary attribute; items written before (native attributes) still
/// read, and a damaged or hostile packed record is refused with <see cref="StudyItemFormatException"/>.
/// </summary>
public sealed class PackedInstanceItemTests
{
    private const string Record = StudyItemSerializer.PackedRecordAttribute;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

    private static InstanceRecord Finished => StudyItemSerializer.ToInstance(CapturedInstanceItem.Attributes());

    [Fact]
    public void An_item_in_the_old_format_reads_as_it_did()
    {
        var old = CapturedInstanceItem.Attributes();

        var instance = StudyItemSerializer.ToInstance(old);

        Assert.Equal((CapturedInstanceItem.InstanceId, InstanceStatus.Done, "medimaging-ingest-000000000000-us-east-1", 134184L),
            (instance.InstanceId, instance.Status, instance.Bucket, instance.Size));
        Assert.Equal(old["progress"].S, instance.Progress);
        Assert.Equal(old["result"].S, instance.Result);
        Assert.Equal(old["contentSha256"].S, instance.ContentSha256);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T16:58:45.2318157+00:00"), instance.ReceivedAt);
        Assert.Equal(["validate", "extract-metadata", "deidentify", "render", "analyze", "route", "publish"], instance.Steps!.Select(s => s.Step));
        Assert.Equal(new StepRecord("validate", 1, DateTimeOffset.Parse("2026-11-22T16:58:47.7061439+00:00"),
            DateTimeOffset.Parse("2026-11-22T16:58:47.7477026+00:00"), StepOutcome.Succeeded), instance.Steps![0]);
    }

    [Fact]
    public void A_finished_instance_round_trips_through_a_packed_item_a_fifth_of_the_old_size()
    {
        var item = StudyItemSerializer.ToItem(CapturedInstanceItem.StudyKey, Finished);

        Assert.Equal(Json(Finished), Json(StudyItemSerializer.ToInstance(item)));
        Assert.Equal([PartitionKey, SortKey, "instanceId", "status", "updatedAt", Record], item.Keys);
        Assert.Equal(("STUDY#" + CapturedInstanceItem.StudyKey, "INST#" + CapturedInstanceItem.InstanceId, InstanceStatus.Done),
            (item[PartitionKey].S, item[SortKey].S, item["status"].S));
        Assert.Equal("2026-11-22T16:58:47.9337555+00:00", item["updatedAt"].S);
        // The record's JSON is ~6.5 KB; DynamoDB counts the packed bytes.
        Assert.InRange(item[Record].B.Length, 900, 1_300);
    }

    [Fact]
    public void An_unfinished_instance_round_trips_with_its_retries_and_error()
    {
        var started = InstanceRecords.Start(
            new InstanceReceived("2.25.7", "2.25.7.1", "ingest", "incoming/2.25.7/2.25.7.1", "application/dicom", 1234, new string('b', 64), Now), Now);
        var retrying = started with
        {
            Steps = [new StepRecord("validate", 1, Now, Now.AddTicks(12_345), StepOutcome.Succeeded),
                new StepRecord("render", 1, Now.AddSeconds(1), null, StepOutcome.Retrying, "throttled: \"slow down\" ü")],
            Error = "render: throttled",
        };

        foreach (var instance in new[] { started, retrying })
        {
            var item = StudyItemSerializer.ToItem("2.25.7", instance);
            Assert.Equal(Json(instance), Json(StudyItemSerializer.ToInstance(item)));
            Assert.Equal(instance.Error, item.GetValueOrDefault("error")?.S);
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("bit flipped in the zlib data")]
    [InlineData("checksum damaged")]
    [InlineData("unknown format")]
    [InlineData("empty")]
    [InlineData("length unterminated")]
    public void A_damaged_packed_record_is_refused_with_a_typed_error(string damage)
    {
        var packed = Packed(Finished);
        var bytes = damage switch
        {
            "truncated" => packed[..(packed.Length / 2)],
            "bit flipped in the zlib data" => Flip(packed, packed.Length / 2),
            "checksum damaged" => Flip(packed, packed.Length - 1),
            "unknown format" => [9, .. packed[1..]],
            "empty" => [],
            _ => [1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
        };

        var error = Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(ItemWith(bytes)));

        AssertNamesNothingOfTheInstance(error);
    }

    [Fact]
    public void Any_one_damaged_byte_of_a_packed_record_is_refused_with_a_typed_error()
    {
        var packed = Packed(Finished);

        for (var at = 0; at < packed.Length; at++)
            Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(ItemWith(Flip(packed, at))));
    }

    [Theory]
    [InlineData(2_000_000, 4096)]
    [InlineData(900_000, 16)]
    public void A_declared_length_beyond_any_record_or_beyond_what_the_bytes_can_hold_is_refused_before_allocating(int declared, int zlibBytes)
    {
        var bytes = new byte[zlibBytes + 4];
        bytes[0] = 1;
        bytes[1] = (byte)(declared | 0x80);
        bytes[2] = (byte)((declared >> 7) | 0x80);
        bytes[3] = (byte)(declared >> 14);

        var error = Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(ItemWith(bytes)));

        Assert.Contains($"declares {declared} bytes", error.Message);
    }

    [Fact]
    public void A_packed_record_of_more_json_than_declared_is_refused()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Finished, RecordJson);
        var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.Fastest)) z.Write(json);
        var declared = json.Length - 10;
        byte[] bytes = [1, (byte)(declared | 0x80), (byte)(declared >> 7), .. zlib.ToArray()];

        Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(ItemWith(bytes)));
    }

    [Fact]
    public void A_packed_record_that_is_not_an_instance_record_or_not_this_items_is_refused()
    {
        Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(ItemWith(PackedJson("not json at all"u8))));
        Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(ItemWith(PackedJson("{\"size\":1}"u8))));
        var other = StudyItemSerializer.ToItem(CapturedInstanceItem.StudyKey, Finished with { InstanceId = "2.25.1" });
        var error = Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(ItemWith(other[Record].B.ToArray())));
        AssertNamesNothingOfTheInstance(error);
    }

    [Fact]
    public void A_packed_record_attribute_that_is_not_binary_is_refused()
    {
        var item = ItemWith([]);
        item[Record] = new AttributeValue("AQID");

        Assert.Throws<StudyItemFormatException>(() => StudyItemSerializer.ToInstance(item));
    }

    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static byte[] Packed(InstanceRecord instance) =>
        StudyItemSerializer.ToItem(CapturedInstanceItem.StudyKey, instance)[Record].B.ToArray();

    private static byte[] PackedJson(ReadOnlySpan<byte> json)
    {
        var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.Optimal)) z.Write(json);
        return [1, (byte)json.Length, .. zlib.ToArray()];
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x10;
        return copy;
    }

    private static Dictionary<string, AttributeValue> ItemWith(byte[] packed) => new()
    {
        [PartitionKey] = new AttributeValue("STUDY#" + CapturedInstanceItem.StudyKey),
        [SortKey] = new AttributeValue("INST#" + CapturedInstanceItem.InstanceId),
        [Record] = new AttributeValue { B = new MemoryStream(packed) },
    };

    private static void AssertNamesNothingOfTheInstance(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(CapturedInstanceItem.InstanceId, e.Message);
            Assert.DoesNotContain(CapturedInstanceItem.StudyKey, e.Message);
        }
    }

    private static string Json(InstanceRecord instance) => JsonSerializer.Serialize(instance);
}
