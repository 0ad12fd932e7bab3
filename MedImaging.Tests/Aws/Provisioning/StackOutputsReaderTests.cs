using MedImaging.Aws.Provisioning;
using MedImaging.Tests.Aws.Signing;

namespace MedImaging.Tests.Aws.Provisioning;

public sealed class StackOutputsReaderTests
{
    private const string Answer = """
        <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
          <DescribeStacksResult><Stacks><member>
            <StackName>MedImaging</StackName>
            <Outputs>
              <member><OutputKey>IngestBucket</OutputKey><OutputValue>medimaging-ingest-123456789012-eu-west-1</OutputValue></member>
              <member><OutputKey>IngestQueueUrl</OutputKey><OutputValue>https://sqs.eu-west-1.amazonaws.com/123456789012/medimaging-ingest-events</OutputValue></member>
            </Outputs>
          </member></Stacks></DescribeStacksResult>
        </DescribeStacksResponse>
        """;

    [Fact]
    public async Task Reads_the_outputs_of_a_deployed_stack_into_resource_names()
    {
        var recorder = new RecordingHandler(Answer);
        using var reader = new StackOutputsReader(new HttpClient(recorder) { BaseAddress = new Uri("https://cloudformation.eu-west-1.amazonaws.com/") });

        var outputs = await reader.ReadAsync("MedImaging");

        Assert.Equal("Action=DescribeStacks&StackName=MedImaging&Version=2010-05-15", recorder.RequestBody);
        var names = ResourceNamesFromOutputs.Create(outputs);
        Assert.Equal("medimaging-ingest-123456789012-eu-west-1", names.IngestBucket);
        Assert.Equal("https://sqs.eu-west-1.amazonaws.com/123456789012/medimaging-ingest-events", names.IngestQueueUrl);
        Assert.Contains(nameof(names.StudyTable), names.MissingSettings());
    }
}
