using Microsoft.Extensions.Configuration;

namespace MedImaging.Orleans.DynamoDB.Shared;

/// <summary>
/// Reads a provider's configuration section (e.g. <c>Orleans:Clustering</c>) into the options. Our own keys bind by
/// name; Microsoft's provider keys are understood too (<c>Service</c>: a URL or a region; <c>TableName</c>: this
/// provider's table), and <c>ServiceKey</c> (set by Aspire.Hosting.Orleans) names a connection string that holds the
/// service URL.
/// </summary>
internal static class DynamoDBOrleansConfiguration
{
    public static void Apply(
        DynamoDBOrleansOptions options, IConfigurationSection section, IConfiguration root, Action<DynamoDBOrleansOptions, string> setTableName)
    {
        if (section["ServiceKey"] is { Length: > 0 } serviceKey && IsUrl(root.GetConnectionString(serviceKey)))
            options.ServiceUrl = root.GetConnectionString(serviceKey);

        if (section["Service"] is { Length: > 0 } service)
        {
            if (IsUrl(service))
                options.ServiceUrl = service;
            else
                options.Region = service;
        }

        section.Bind(options);

        if (section["TableName"] is { Length: > 0 } tableName)
            setTableName(options, tableName);
    }

    private static bool IsUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
