using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Execution;

/// <summary>The pipeline's side of the world: storage and the libraries that do the DICOM work.</summary>
public sealed record InstancePipelinePorts(
    IObjectStore Store,
    IInstanceReader Reader,
    IInstanceDeidentifier Deidentifier,
    IImageRenderer Renderer,
    IImageAnalyzer Analyzer);
