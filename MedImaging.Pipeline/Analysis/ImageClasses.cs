namespace MedImaging.Pipeline.Analysis;

/// <summary>The classes an analyzer can assign.</summary>
public static class ImageClasses
{
    public const string Xray = "xray";
    public const string Ct = "ct";
    public const string General = "general";
    public const string Unclassified = "unclassified";
}
