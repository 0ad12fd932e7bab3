using Amazon.DynamoDBv2.Model;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>
/// An instance item as the serializer wrote it before instance records were packed: captured from the bench's DynamoDB
/// Local (Scan, wire JSON) after a one-instance study of study_knee_s1_01.dcm (the bench gives every study fresh UIDs) had
/// finished. 5,727 bytes on the wire, of which progress 2,657, steps 1,309 and result 1,080.
/// </summary>
internal static class CapturedInstanceItem
{
    public const string StudyKey = "2.25.298530396392391321395523592765817347299";
    public const string InstanceId = "2.25.88048726759867877405028294894562960908";

    public const string WireJson = """
    {
        "PK": {"S": "STUDY#2.25.298530396392391321395523592765817347299"},
        "SK": {"S": "INST#2.25.88048726759867877405028294894562960908"},
        "instanceId": {"S": "2.25.88048726759867877405028294894562960908"},
        "status": {"S": "done"},
        "bucket": {"S": "medimaging-ingest-000000000000-us-east-1"},
        "objectKey": {"S": "incoming/2.25.298530396392391321395523592765817347299/2.25.88048726759867877405028294894562960908"},
        "contentType": {"S": "application/dicom"},
        "size": {"N": "134184"},
        "contentSha256": {"S": "57aa37ab0e5b9e92d07a5c3201c9f244cdbe81a2ee77a0d0fc8a92aadf2e78e0"},
        "receivedAt": {"S": "2026-11-22T16:58:45.2318157+00:00"},
        "updatedAt": {"S": "2026-11-22T16:58:47.9337555+00:00"},
        "steps": {"L": [{"M": {"startedAt": {"S": "2026-11-22T16:58:47.7061439+00:00"}, "step": {"S": "validate"}, "attempt": {"N": "1"}, "endedAt": {"S": "2026-11-22T16:58:47.7477026+00:00"}, "outcome": {"S": "succeeded"}}}, {"M": {"startedAt": {"S": "2026-11-22T16:58:47.74771+00:00"}, "step": {"S": "extract-metadata"}, "attempt": {"N": "1"}, "endedAt": {"S": "2026-11-22T16:58:47.7477366+00:00"}, "outcome": {"S": "succeeded"}}}, {"M": {"startedAt": {"S": "2026-11-22T16:58:47.7477373+00:00"}, "step": {"S": "deidentify"}, "attempt": {"N": "1"}, "endedAt": {"S": "2026-11-22T16:58:47.7907347+00:00"}, "outcome": {"S": "succeeded"}}}, {"M": {"startedAt": {"S": "2026-11-22T16:58:47.7907423+00:00"}, "step": {"S": "render"}, "attempt": {"N": "1"}, "endedAt": {"S": "2026-11-22T16:58:47.863852+00:00"}, "outcome": {"S": "succeeded"}}}, {"M": {"startedAt": {"S": "2026-11-22T16:58:47.8638597+00:00"}, "step": {"S": "analyze"}, "attempt": {"N": "1"}, "endedAt": {"S": "2026-11-22T16:58:47.8638819+00:00"}, "outcome": {"S": "succeeded"}}}, {"M": {"startedAt": {"S": "2026-11-22T16:58:47.8638832+00:00"}, "step": {"S": "route"}, "attempt": {"N": "1"}, "endedAt": {"S": "2026-11-22T16:58:47.9156847+00:00"}, "outcome": {"S": "succeeded"}}}, {"M": {"startedAt": {"S": "2026-11-22T16:58:47.9156917+00:00"}, "step": {"S": "publish"}, "attempt": {"N": "1"}, "endedAt": {"S": "2026-11-22T16:58:47.9337333+00:00"}, "outcome": {"S": "succeeded"}}}]},
        "progress": {"S": "{\"item\":{\"studyKey\":\"2.25.298530396392391321395523592765817347299\",\"instanceKey\":\"2.25.88048726759867877405028294894562960908\",\"source\":{\"bucket\":\"medimaging-ingest-000000000000-us-east-1\",\"key\":\"incoming/2.25.298530396392391321395523592765817347299/2.25.88048726759867877405028294894562960908\"}},\"status\":\"Completed\",\"attempt\":1,\"contentSha256\":\"57aa37ab0e5b9e92d07a5c3201c9f244cdbe81a2ee77a0d0fc8a92aadf2e78e0\",\"findings\":[],\"metadata\":{\"kind\":\"Dicom\",\"studyInstanceUid\":\"2.25.298530396392391321395523592765817347299\",\"seriesInstanceUid\":\"2.25.223124346799514242097350024438349770882\",\"sopInstanceUid\":\"2.25.88048726759867877405028294894562960908\",\"sopClassUid\":\"1.2.840.10008.5.1.4.1.1.4\",\"modality\":\"MR\",\"burnedInAnnotation\":\"NO\",\"transferSyntaxUid\":\"1.2.840.10008.1.2.1\",\"rows\":256,\"columns\":256,\"isDicom\":true},\"deidentification\":{\"failed\":false,\"studyUid\":\"2.25.148405766735183870261389216675291662840\",\"seriesUid\":\"2.25.139888571376320524364171498780419119842\",\"instanceUid\":\"2.25.6194233906127960028484122740028374132\",\"output\":{\"bucket\":\"medimaging-processed-000000000000-us-east-1\",\"key\":\"2.25.148405766735183870261389216675291662840/2.25.139888571376320524364171498780419119842/2.25.6194233906127960028484122740028374132.dcm\"},\"burnedInPhiRisk\":false,\"actionCounts\":{\"Kept\":98,\"Removed\":33,\"Replaced\":14,\"Emptied\":11}},\"rendered\":{\"location\":{\"bucket\":\"medimaging-processed-000000000000-us-east-1\",\"key\":\"2.25.148405766735183870261389216675291662840/2.25.139888571376320524364171498780419119842/2.25.6194233906127960028484122740028374132.jpg\"},\"contentType\":\"image/jpeg\"},\"analysis\":{\"analyzer\":\"header\",\"source\":\"dicom-header\",\"class\":\"general\",\"labels\":[{\"name\":\"Medical Image\",\"confidence\":100},{\"name\":\"Modality MR\",\"confidence\":100}]},\"routing\":{\"destination\":\"General\",\"reason\":\"fallback\"},\"routedCopies\":[{\"bucket\":\"medimaging-general-000000000000-us-east-1\",\"key\":\"2.25.148405766735183870261389216675291662840/2.25.139888571376320524364171498780419119842/2.25.6194233906127960028484122740028374132.dcm\"},{\"bucket\":\"medimaging-general-000000000000-us-east-1\",\"key\":\"2.25.148405766735183870261389216675291662840/2.25.139888571376320524364171498780419119842/2.25.6194233906127960028484122740028374132.jpg\"}],\"result\":{\"bucket\":\"medimaging-processed-000000000000-us-east-1\",\"key\":\"2.25.148405766735183870261389216675291662840/2.25.139888571376320524364171498780419119842/2.25.6194233906127960028484122740028374132.json\"},\"isFinished\":true}"},
        "result": {"S": "{\"instanceUid\":\"2.25.6194233906127960028484122740028374132\",\"seriesUid\":\"2.25.139888571376320524364171498780419119842\",\"status\":\"Completed\",\"kind\":\"Dicom\",\"modality\":\"MR\",\"sopClassUid\":\"1.2.840.10008.5.1.4.1.1.4\",\"analysis\":{\"analyzer\":\"header\",\"source\":\"dicom-header\",\"class\":\"general\",\"labels\":[{\"name\":\"Medical Image\",\"confidence\":100},{\"name\":\"Modality MR\",\"confidence\":100}]},\"routing\":{\"destination\":\"General\",\"reason\":\"fallback\"},\"outputs\":[{\"bucket\":\"medimaging-general-000000000000-us-east-1\",\"key\":\"2.25.148405766735183870261389216675291662840/2.25.139888571376320524364171498780419119842/2.25.6194233906127960028484122740028374132.dcm\"},{\"bucket\":\"medimaging-general-000000000000-us-east-1\",\"key\":\"2.25.148405766735183870261389216675291662840/2.25.139888571376320524364171498780419119842/2.25.6194233906127960028484122740028374132.jpg\"}],\"deidentification\":{\"failed\":false,\"burnedInPhiRisk\":false,\"actionCounts\":{\"Kept\":98,\"Removed\":33,\"Replaced\":14,\"Emptied\":11}}}"}
    }
""";

    /// <summary>The item's attributes, read from its wire JSON.</summary>
    public static Dictionary<string, AttributeValue> Attributes() => DynamoWireJson.ReadItem(WireJson);
}
