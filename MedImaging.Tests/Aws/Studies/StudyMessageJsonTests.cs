using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;

namespace MedImaging.Tests.Aws.Studies;

public sealed class StudyMessageJsonTests
{
    private static readonly InstanceReceived Received = new(
        "1.2.3", "1.2.3.4", "ingest", "incoming/1.2.3/1.2.3.4", "application/dicom", 42, new string('a', 64), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Round_trips_each_message_type_with_its_discriminator()
    {
        StudyMessage[] messages = [Received, Received with { ThenFinalize = new FinalizeRequest("u1", 3) }, new FinalizeStudy("1.2.3", 4, "u" + new string('0', 32))];

        foreach (var message in messages)
        {
            var json = StudyMessageJson.Serialize(message);
            Assert.Contains($"\"type\":\"{message.GetType().Name}\"", json);
            Assert.Equal(message, StudyMessageJson.TryDeserialize(json));
        }
    }

    [Fact]
    public void The_new_study_flag_round_trips_and_a_message_written_before_it_existed_reads_as_not_new()
    {
        var flagged = Received with { NewStudy = true };
        Assert.Equal(flagged, StudyMessageJson.TryDeserialize(StudyMessageJson.Serialize(flagged)));
        Assert.Equal(flagged.DeduplicationId(), Received.DeduplicationId());

        var before = StudyMessageJson.Serialize(Received).Replace(",\"newStudy\":false", "", StringComparison.Ordinal);
        Assert.DoesNotContain("newStudy", before);
        Assert.Equal(Received, StudyMessageJson.TryDeserialize(before));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"Unknown\",\"studyKey\":\"1.2.3\"}")]
    [InlineData("{\"type\":\"FinalizeStudy\",\"studyKey\":\"../x\",\"requestId\":\"r\"}")]
    public void Returns_null_for_bodies_that_are_not_study_messages(string body) => Assert.Null(StudyMessageJson.TryDeserialize(body));

    [Fact]
    public void Deduplication_ids_are_deterministic_and_content_sensitive()
    {
        Assert.Equal(Received.DeduplicationId(), (Received with { }).DeduplicationId());
        Assert.NotEqual(Received.DeduplicationId(), (Received with { ContentSha256 = new string('b', 64) }).DeduplicationId());
        Assert.True(Received.DeduplicationId().Length <= 128);
        // A finalize carried by the instance is part of its identity: a later finalize of the same instance is not deduplicated away.
        var finalizing = Received with { ThenFinalize = new FinalizeRequest("u1", null) };
        Assert.NotEqual(Received.DeduplicationId(), finalizing.DeduplicationId());
        Assert.NotEqual(finalizing.DeduplicationId(), (finalizing with { ThenFinalize = new FinalizeRequest("u2", null) }).DeduplicationId());
    }
}
