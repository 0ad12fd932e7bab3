using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Tests.Retries;

public class RetryPolicyTests
{
    private readonly RetryPolicy _policy = new(new RetryOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxAttempts = 5 });

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 64)]
    public void Delay_lies_between_half_and_all_of_the_exponential_ceiling(int attempt, double ceilingSeconds)
    {
        Assert.Equal(ceilingSeconds / 2, _policy.DelayAfter(attempt, 0).TotalSeconds, 6);
        Assert.Equal(ceilingSeconds * 0.75, _policy.DelayAfter(attempt, 0.5).TotalSeconds, 6);
        Assert.True(_policy.DelayAfter(attempt, 0.999999).TotalSeconds < ceilingSeconds);
    }

    [Fact]
    public void Delay_never_exceeds_the_sqs_maximum_even_when_configured_higher()
    {
        var policy = new RetryPolicy(new RetryOptions { BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromHours(2) });
        foreach (var attempt in new[] { 5, 6, 20, 100, int.MaxValue })
        {
            var delay = policy.DelayAfter(attempt, 0.999999);
            Assert.InRange(delay.TotalSeconds, 450, 900);
            Assert.InRange(new RetryDecision(true, delay).DelaySeconds, 450, 900);
        }
    }

    [Fact]
    public void Delay_grows_monotonically_for_a_fixed_jitter_until_the_cap()
    {
        var delays = Enumerable.Range(1, 15).Select(a => _policy.DelayAfter(a, 0.3)).ToList();
        for (var i = 1; i < delays.Count; i++)
            Assert.True(delays[i] >= delays[i - 1]);
        Assert.Equal(delays[^1], delays[^2]); // capped
    }

    [Fact]
    public void Transient_failures_retry_until_the_last_attempt()
    {
        var failure = StepFailure.Transient("throttled", "Rekognition throttled the request");
        for (var attempt = 1; attempt < 5; attempt++)
            Assert.True(_policy.Decide(failure, attempt, 0.1).ShouldRetry);
        Assert.False(_policy.Decide(failure, 5, 0.1).ShouldRetry);
    }

    [Fact]
    public void Permanent_failures_never_retry()
    {
        var decision = _policy.Decide(StepFailure.Permanent("invalid-image", "not an image"), 1, 0.1);
        Assert.Equal(RetryDecision.GiveUp, decision);
    }

    [Fact]
    public void Deterministic_jitter_is_repeatable_in_range_and_spread_out()
    {
        Assert.Equal(RetryPolicy.DeterministicJitter("study/inst", 3), RetryPolicy.DeterministicJitter("study/inst", 3));
        var samples = Enumerable.Range(0, 2000).Select(i => RetryPolicy.DeterministicJitter($"s/{i}", 1)).ToList();
        Assert.All(samples, s => Assert.InRange(s, 0, 0.9999999999));
        Assert.InRange(samples.Average(), 0.45, 0.55);
    }

    [Fact]
    public void Jitter_outside_the_unit_interval_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _policy.DelayAfter(1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _policy.DelayAfter(1, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _policy.DelayAfter(0, 0.5));
    }
}
