using MedImaging.Cli.Commands;
using MedImaging.Cli.Commands.Bench;

namespace MedImaging.Cli;

/// <summary>Every command of `medimaging`, one line each.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new DumpCommand(),
        new RenderCommand(),
        new BenchRenderCommand(),
        new ValidateCommand(),
        new BenchParseCommand(),
        new DeidCommand(),
        new BenchDeidCommand(),
        new BenchDeidScaleCommand(),
        new BenchIngestCommand(),
        new BenchFloorCommand(),
        new BenchOrthancPeerCommand(),
    ];
}
