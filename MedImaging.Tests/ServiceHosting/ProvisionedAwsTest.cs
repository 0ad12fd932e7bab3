using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
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

    /// <summary>
    /// Puts an instance's bytes (1 KiB of random bytes unless given) in the ingest bucket, as the Api would, and returns
    /// the message announcing it.
    /// </summary>
    protected async Task<InstanceReceived> StoreInstanceAsync(string study, string instance, byte[]? content = null)
    {
        var bytes = content ?? RandomNumberGenerator.GetBytes(1024);
        var key = $"incoming/{study}/{instance}";
        await Aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = Resources.IngestBucket, Key = key, InputStream = new MemoryStream(bytes) });
        return new InstanceReceived(study, instance, Resources.IngestBucket, key, "application/dicom", bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), DateTimeOffset.UtcNow);
    }

    public virtual async Task InitializeAsync() => Resources = await Aws.ProvisionAsync();

    public virtual Task DisposeAsync()
    {
        Aws.Dispose();
        return Task.CompletedTask;
    }
}
