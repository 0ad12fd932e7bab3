using System.Buffers.Text;
using System.Text.Json;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;

namespace MedImaging.Api.StudyList;

/// <summary>
/// The opaque continuation token of a study listing: the last study returned (index time and key) plus the filters
/// it was made for, so a cursor cannot be replayed against another query. Base64url JSON; not a secret.
/// </summary>
public sealed record StudyListCursor(string IndexTime, string StudyKey, string? Status, string? Since)
{
    public StudyIndexPosition Position => new(IndexTime, StudyKey);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, StudyListJson.Default.StudyListCursor));

    /// <summary>The cursor, or null when the text is not one this Api wrote.</summary>
    public static StudyListCursor? TryDecode(string text)
    {
        if (text.Length is 0 or > 512) return null;
        try
        {
            var cursor = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), StudyListJson.Default.StudyListCursor);
            return cursor is not null && StudyKeys.IsValid(cursor.StudyKey)
                   && DateTimeOffset.TryParse(cursor.IndexTime, System.Globalization.CultureInfo.InvariantCulture,
                       System.Globalization.DateTimeStyles.RoundtripKind, out _)
                ? cursor
                : null;
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return null;
        }
    }
}
