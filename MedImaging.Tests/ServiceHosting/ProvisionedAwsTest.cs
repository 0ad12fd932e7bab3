using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.ServiceHosting;

/// <summary>
/// Base of a test class that works on its own freshly provisioned set of emulator resources (<see cref="LocalAws"/>):
/// provisioned before its first test, clients disposed after its last.
/// </summary>
public abstract class ProvisionedAwsTest(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    protected LocalAws Aws { get; } = new(emulators);

    protected ResourceNames Resources { get; private set; } = null!;

    protected StudyTable StudyTable => Aws.StudyTable(Resources);

    public virtual async Task InitializeAsync() => Resources = await Aws.ProvisionAsync();

    public virtual Task DisposeAsync()
    {
        Aws.Dispose();
        return Task.CompletedTask;
    }
}
