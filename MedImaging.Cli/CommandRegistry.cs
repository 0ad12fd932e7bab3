using MedImaging.Cli.Commands;

namespace MedImaging.Cli;

/// <summary>Every command of `medimaging`, one line each.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new DumpCommand(),
        new RenderCommand(),
        new BenchRenderCommand(),
        new DeidCommand(),
        new BenchDeidCommand(),
    ];
}
