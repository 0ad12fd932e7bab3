namespace MedImaging.Pipeline.Metadata;

/// <summary>
/// The header facts the pipeline routes and reports on. It deliberately holds no patient attributes;
/// the original UIDs are identifiers, so <see cref="ToString"/> leaves them out.
/// </summary>
public sealed record InstanceMetadata
{
    public required InstanceKind Kind { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public string? SopInstanceUid { get; init; }
    public string? SopClassUid { get; init; }
    public string? Modality { get; init; }
    public string? BodyPartExamined { get; init; }
    /// <summary>(0028,0301) Burned In Annotation as written: YES, NO or absent.</summary>
    public string? BurnedInAnnotation { get; init; }
    public string? TransferSyntaxUid { get; init; }
    public int? Rows { get; init; }
    public int? Columns { get; init; }
    public int? NumberOfFrames { get; init; }

    public bool IsDicom => Kind == InstanceKind.Dicom;

    /// <summary>A header field by DICOM keyword, for configurable routing rules.</summary>
    public string? Field(string keyword) => keyword switch
    {
        "Modality" => Modality,
        "BodyPartExamined" => BodyPartExamined,
        "SOPClassUID" => SopClassUid,
        "BurnedInAnnotation" => BurnedInAnnotation,
        "TransferSyntaxUID" => TransferSyntaxUid,
        _ => null,
    };

    public override string ToString() =>
        $"{Kind} Modality={Modality ?? "-"} SOPClass={SopClassUid ?? "-"} BodyPart={BodyPartExamined ?? "-"}";
}
