using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MedImaging.Studies;

/// <summary>
/// Study keys and instance ids become S3 keys, DynamoDB keys and grain keys, so only DICOM UIDs
/// (digits and dots, at most 64 characters) and our own upload ids ("u" + 32 hex digits) are accepted.
/// </summary>
public static partial class StudyKeys
{
    public static bool IsValid(string? key) => key is not null && (IsDicomUid(key) || IsUploadId(key));

    // Lenient about leading zeros in components: real archives hold such UIDs.
    public static bool IsDicomUid(string key) => key.Length <= 64 && DicomUid().IsMatch(key);

    public static bool IsUploadId(string key) => UploadId().IsMatch(key);

    /// <summary>A new id for a plain image or an upload of plain images; time-ordered.</summary>
    public static string NewUploadId() => "u" + Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// A short, stable reference for logs and traces: StudyInstanceUIDs identify a patient's study,
    /// so they never appear there themselves.
    /// </summary>
    public static string LogRef(string key) =>
        "s-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 6));

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)+$")]
    private static partial Regex DicomUid();

    [GeneratedRegex("^u[0-9a-f]{32}$")]
    private static partial Regex UploadId();
}
