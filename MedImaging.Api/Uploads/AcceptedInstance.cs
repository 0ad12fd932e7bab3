using MedImaging.Aws.S3;

namespace MedImaging.Api.Uploads;

/// <summary>One file of an upload, stored in the ingest bucket under incoming/{study}/{instance}.</summary>
public sealed record AcceptedInstance(string StudyKey, string InstanceId, string ContentType, StoredObject Object);
