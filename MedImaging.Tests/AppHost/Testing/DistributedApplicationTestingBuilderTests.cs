using System.Net;
using MedImaging.AppHost.Hosting;
using MedImaging.AppHost.Testing;
using MedImaging.Aws.Sqs;

namespace MedImaging.Tests.AppHost.Testing;

public sealed class DistributedApplicationTestingBuilderTests
{
    [Fact]
    public async Task Starts_the_whole_app_with_handles_and_tears_it_all_down()
    {
        IReadOnlyList<int> processIds;
        await using (var app = await DistributedApplicationTestingBuilder.StartAsync())
        {
            using var http = new HttpClient { BaseAddress = app.ApiBaseUrl };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
            Assert.Equal("127.0.0.1", app.ApiBaseUrl.Host);
            Assert.Empty(app.ResourceNames.MissingSettings());

            // The handles reach the same provisioned resources the services use.
            using var sqs = SqsClient.Create(app.AwsOptions);
            var attributes = await sqs.GetQueueAttributesAsync(app.ResourceNames.StudyQueueUrl);
            Assert.Equal("true", attributes[SqsQueueAttributes.FifoQueue]);
            Assert.Contains(app.Resources, r => r.Name == "api" && r.State == "healthy");
            Assert.Contains(app.Resources, r => r.Name == "silo" && r.State == "healthy");

            processIds = [.. app.Processes.SelectMany(p => p.ProcessTree())];
            Assert.True(processIds.Count >= 4);
        }

        var survivors = processIds.Where(ProcessTreeReader.IsAlive).ToList();
        Assert.True(survivors.Count == 0, $"processes left behind: {string.Join(", ", survivors)}");
    }
}
