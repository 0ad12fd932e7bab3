namespace MedImaging.AppHost.Hosting;

public static class AwsResourceReferences
{
    /// <summary>Where a referencing project finds the stack's outputs (Aspire.Hosting.AWS's convention).</summary>
    public const string SectionName = "AWS:Resources";

    /// <summary>
    /// Hands the stack's outputs to the project as <c>AWS__Resources__{OutputKey}</c>, its region, and in the local
    /// profile the emulators' endpoints (<c>MedImaging__Aws__ServiceUrl__*</c>). Pair it with <c>WaitFor(stack)</c>.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> project, IResourceBuilder<AwsCdkStackResource> stack)
        where T : IResourceWithEnvironment
    {
        var resource = stack.Resource;
        return project
            .WithReferenceRelationship(resource)
            .WithEnvironment(context =>
            {
                if (resource.Outputs.Count == 0)
                {
                    throw new DistributedApplicationException($"{project.Resource.Name} starts before stack {resource.Name} is ready: add WaitFor({resource.Name})");
                }
                foreach (var (key, value) in resource.Outputs)
                {
                    context.EnvironmentVariables[$"AWS__Resources__{key}"] = value;
                }
                context.EnvironmentVariables["MedImaging__Aws__Region"] = resource.Region;
                if (resource.Emulators is { } emulators)
                {
                    context.EnvironmentVariables["MedImaging__Aws__ServiceUrl__DynamoDb"] = emulators.DynamoDbUrl;
                    context.EnvironmentVariables["MedImaging__Aws__ServiceUrl__S3"] = emulators.FauxqsUrl;
                    context.EnvironmentVariables["MedImaging__Aws__ServiceUrl__Sqs"] = emulators.FauxqsUrl;
                    context.EnvironmentVariables["MedImaging__Aws__ServiceUrl__Sns"] = emulators.FauxqsUrl;
                }
            });
    }
}
