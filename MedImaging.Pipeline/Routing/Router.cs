using MedImaging.Pipeline.Analysis;

namespace MedImaging.Pipeline.Routing;

/// <summary>Applies the configured rules. Safety checks come first and cannot be overridden by a rule.</summary>
public sealed class Router(RoutingOptions options)
{
    private readonly IReadOnlyList<RoutingRule> _rules = options.EffectiveRules;

    public const string DeidentificationFailedReason = "quarantine:deidentification-failed";
    public const string BurnedInPhiReason = "quarantine:burned-in-phi-risk";
    public const string FallbackReason = "fallback";

    public RoutingDecision Route(RoutingInput input)
    {
        if (input.DeidentificationFailed)
            return new RoutingDecision(Destination.Quarantine, DeidentificationFailedReason);
        if (input.BurnedInPhiRisk)
            return new RoutingDecision(Destination.Quarantine, BurnedInPhiReason);

        foreach (var rule in _rules)
            if (Matches(rule, input))
                return new RoutingDecision(rule.Destination, rule.Name);
        return new RoutingDecision(options.Fallback, FallbackReason);
    }

    private bool Matches(RoutingRule rule, RoutingInput input)
    {
        if (rule.Header.Count == 0 && rule.Classes.Length == 0 && rule.Labels.Length == 0)
            return true; // a rule without conditions is a catch-all

        foreach (var (keyword, allowed) in rule.Header)
        {
            var value = input.Metadata.Field(keyword)?.Trim();
            if (value is null || !allowed.Any(a => string.Equals(a.Trim(), value, StringComparison.OrdinalIgnoreCase)))
                return false;
        }

        if (rule.Classes.Length > 0
            && (input.Analysis is null || !rule.Classes.Contains(input.Analysis.Class, StringComparer.OrdinalIgnoreCase)))
            return false;

        if (rule.Labels.Length > 0)
        {
            var threshold = rule.MinConfidence ?? options.ConfidenceThreshold;
            if (input.Analysis is null || !rule.Labels.Any(l => input.Analysis.ConfidenceOf(l) >= threshold))
                return false;
        }
        return true;
    }
}
