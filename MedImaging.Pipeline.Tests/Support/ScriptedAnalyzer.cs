using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>Fails with the queued failures first, then delegates to the real analyzer; counts calls.</summary>
public sealed class ScriptedAnalyzer(IImageAnalyzer inner, params StepFailure[] failures) : IImageAnalyzer
{
    private readonly Queue<StepFailure> _failures = new(failures);

    public int Calls { get; private set; }

    public string Name => inner.Name;

    public Task<AnalysisResult> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        Calls++;
        return _failures.TryDequeue(out var failure) ? throw failure : inner.AnalyzeAsync(request, cancellationToken);
    }
}
