using MedImaging.Aws.Configuration;

namespace MedImaging.Tests.AppHost.Emulators;

/// <summary>
/// The real AppHost (emulators, stack, Silo, Api) started once for every test class in <see cref="AwsEmulatorCollection"/>,
/// on random loopback ports, and stopped afterwards. Test classes provision their own uniquely named resources.
/// </summary>
public sealed class AwsEmulatorFixture : IAsyncLifetime
{
    private MedImagingApp? app;

    public MedImagingApp App => app ?? throw new InvalidOperationException("the app is not started");

    public AwsOptions AwsOptions => App.AwsOptions;

    public async Task InitializeAsync() => app = await MedImagingApp.StartAsync();

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>A name no other test uses, valid for queues, topics, tables and buckets.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
}

[CollectionDefinition(Name)]
public sealed class AwsEmulatorCollection : ICollectionFixture<AwsEmulatorFixture>
{
    public const string Name = "aws-emulators";
}
