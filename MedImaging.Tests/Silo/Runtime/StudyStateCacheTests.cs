using MedImaging.Aws.Dynamo;
using MedImaging.Silo.Runtime;

namespace MedImaging.Tests.Silo.Runtime;

public sealed class StudyStateCacheTests
{
    private static readonly StudyTable NoTable = new(null!, "unused");

    [Fact]
    public void A_taken_state_is_gone_until_kept_again()
    {
        var cache = new StudyStateCache();
        var state = new DynamoStudyState(NoTable, "2.25.1");
        cache.Keep("2.25.1", state);

        Assert.Same(state, cache.Take("2.25.1"));
        Assert.Null(cache.Take("2.25.1"));
    }

    [Fact]
    public void It_never_holds_more_states_than_its_capacity()
    {
        var cache = new StudyStateCache(capacity: 3);
        for (var i = 0; i < 10; i++) cache.Keep($"2.25.{i}", new DynamoStudyState(NoTable, $"2.25.{i}"));

        var newest = cache.Take("2.25.9");
        var held = Enumerable.Range(0, 9).Count(i => cache.Take($"2.25.{i}") is not null);
        Assert.NotNull(newest);
        Assert.Equal(2, held);
    }
}
