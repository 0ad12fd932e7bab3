namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>A fact that runs only when MEDIMAGING_LARGE_TESTS=1 (it writes and reads gigabytes); otherwise reported as skipped.</summary>
public sealed class LargeFileFactAttribute : FactAttribute
{
    public const string Variable = "MEDIMAGING_LARGE_TESTS";

    public LargeFileFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"set {Variable}=1 to run";
    }
}
