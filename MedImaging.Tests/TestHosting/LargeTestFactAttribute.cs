namespace MedImaging.Tests.TestHosting;

/// <summary>A fact that runs only when MEDIMAGING_LARGE_TESTS=1 (it writes and moves gigabytes); otherwise reported as skipped.</summary>
public sealed class LargeTestFactAttribute : FactAttribute
{
    public const string Variable = "MEDIMAGING_LARGE_TESTS";

    public LargeTestFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"set {Variable}=1 to run";
    }
}
