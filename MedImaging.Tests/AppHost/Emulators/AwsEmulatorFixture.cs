using MedImaging.AppHost.Emulators;
using MedImaging.Aws.Configuration;

namespace MedImaging.Tests.AppHost.Emulators;

/// <summary>
/// DynamoDB Local and fauxqs started once for every test class in <see cref="AwsEmulatorCollection"/>,
/// on free 127.0.0.1 ports, and stopped afterwards. Tests give their resources unique names.
/// </summary>
public sealed class AwsEmulatorFixture : IAsyncLifetime
{
    private AwsEmulators? emulators;

    public AwsEmulators Emulators => emulators ?? throw new InvalidOperationException("emulators not started");

    public AwsOptions AwsOptions => Emulators.AwsOptions;

    public async Task InitializeAsync() => emulators = await AwsEmulators.StartAsync(new EmulatorOptions());

    public async Task DisposeAsync()
    {
        if (emulators is not null)
        {
            await emulators.DisposeAsync();
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
