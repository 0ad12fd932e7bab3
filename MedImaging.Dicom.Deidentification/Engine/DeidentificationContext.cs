using System.Collections.Concurrent;
using MedImaging.Dicom.Deidentification.Audit;
using MedImaging.Dicom.Deidentification.Dates;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;
using MedImaging.Dicom.Deidentification.Uids;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>Everything one instance's de-identification needs, and what it records while running.</summary>
internal sealed class DeidentificationContext(
    DeidentificationPolicy policy,
    ConfidentialityProfile profile,
    CompoundActionResolver resolver,
    UidRemapper remapper,
    DateShifter? dateShifter,
    TextScrubber scrubber,
    bool enhancedIod,
    ConcurrentDictionary<(uint Tag, bool Enhanced, bool Nested), (ProfileAction Action, string Rule)> listedDecisions)
{
    public DeidentificationPolicy Policy { get; } = policy;
    public ConfidentialityProfile Profile { get; } = profile;
    public CompoundActionResolver Resolver { get; } = resolver;
    public UidRemapper Remapper { get; } = remapper;
    public DateShifter? DateShifter { get; } = dateShifter;
    public TextScrubber Scrubber { get; } = scrubber;
    public bool EnhancedIod { get; } = enhancedIod;

    /// <summary>Decisions for listed tags, shared by every instance of one de-identifier (they depend only on the policy).</summary>
    public ConcurrentDictionary<(uint Tag, bool Enhanced, bool Nested), (ProfileAction Action, string Rule)> ListedDecisions { get; } = listedDecisions;

    public List<AuditEntry> Entries { get; } = [];
    public bool DatesShifted { get; set; }
    public bool DatesRemoved { get; set; }
    public bool OverlayKept { get; set; }

    public void Record(string path, AuditOutcome outcome, string rule) => Entries.Add(new AuditEntry(path, outcome, rule));
}
