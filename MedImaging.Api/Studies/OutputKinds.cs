namespace MedImaging.Api.Studies;

/// <summary>Tells a delivered object's kind from its key's extension (the pipeline names outputs {uid}.{ext}).</summary>
public static class OutputKinds
{
    public const string Dicom = "dicom";
    public const string Rendered = "rendered";
    public const string Json = "json";
    public const string Other = "other";

    public static string Of(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".dcm" => Dicom,
        ".jpg" or ".jpeg" or ".png" => Rendered,
        ".json" => Json,
        _ => Other,
    };

    public static string ContentType(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".dcm" => "application/dicom",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
