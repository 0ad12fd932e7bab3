using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Pipeline.Publishing.Webhooks;

/// <summary>
/// The webhook signature header: <c>t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}." + body)}</c>.
/// Signing the timestamp with the body lets a receiver reject replays of old deliveries.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-MedImaging-Signature";
    public const string DeliveryHeaderName = "X-MedImaging-Delivery";

    public static string Compute(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>True when the header carries a valid MAC over the body and a timestamp within tolerance of now.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header)) return false;
        string? t = null, v1 = null;
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return false;
            var (name, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (name == "t") t = value;
            else if (name == "v1") v1 = value;
        }

        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance) return false;

        byte[] given;
        try { given = Convert.FromHexString(v1); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, t, body));
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
