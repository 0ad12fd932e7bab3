namespace MedImaging.Pipeline.Storage;

/// <summary>An object in a bucket.</summary>
public sealed record ObjectLocation(string Bucket, string Key)
{
    public override string ToString() => $"s3://{Bucket}/{Key}";
}
