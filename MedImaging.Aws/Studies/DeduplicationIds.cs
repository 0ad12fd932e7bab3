using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Aws.Studies;

internal static class DeduplicationIds
{
    /// <summary>64 hex characters (SQS allows 128), stable for the same parts.</summary>
    public static string From(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));
}
