namespace MedImaging.Tests.ServiceDefaults;

/// <summary>One exported span as the OTLP receiver got it (ids as lower-case hex; an empty parent is a root span).</summary>
internal sealed record OtlpSpan(string Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId);
