using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;

namespace MedImaging.Aws.Provisioning;

/// <summary>AWS::S3::Bucket: creates the bucket with its lifecycle and CORS rules. Default encryption and the public-access
/// block are real-AWS settings the emulator does not model.</summary>
public sealed class S3BucketProvisioner(IAmazonS3 s3) : IResourceProvisioner
{
    public string ResourceType => "AWS::S3::Bucket";

    public async Task<ProvisionedResource> ProvisionAsync(string logicalId, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = properties["BucketName"]?.GetValue<string>()
            ?? throw new NotSupportedException($"bucket {logicalId} needs an explicit BucketName to be provisioned locally");
        var outcome = ProvisioningOutcome.Existing;
        if (!await ExistsAsync(name, cancellationToken))
        {
            try
            {
                await s3.PutBucketAsync(new PutBucketRequest { BucketName = name }, cancellationToken);
                outcome = ProvisioningOutcome.Created;
            }
            catch (AmazonS3Exception error) when (error.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // created concurrently by another starter
            }
        }
        if (outcome == ProvisioningOutcome.Created && properties["LifecycleConfiguration"]?["Rules"] is JsonArray rules)
        {
            await s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
            {
                BucketName = name,
                Configuration = new LifecycleConfiguration { Rules = [.. rules.Select(r => ToRule(r!.AsObject()))] },
            }, cancellationToken);
        }
        if (outcome == ProvisioningOutcome.Created && properties["CorsConfiguration"]?["CorsRules"] is JsonArray corsRules)
        {
            await s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
            {
                BucketName = name,
                Configuration = new CORSConfiguration { Rules = [.. corsRules.Select(r => ToCorsRule(r!.AsObject()))] },
            }, cancellationToken);
        }
        return new ProvisionedResource(logicalId, ResourceType, outcome, name, new Dictionary<string, string>
        {
            ["Arn"] = $"arn:aws:s3:::{name}",
            ["DomainName"] = $"{name}.s3.amazonaws.com",
        })
        { Note = "encryption and public access block are not emulated" };
    }

    private async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = name }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound || error.ErrorCode == "NoSuchBucket")
        {
            return false;
        }
    }

    private static LifecycleRule ToRule(JsonObject rule)
    {
        var result = new LifecycleRule
        {
            Id = rule["Id"]?.GetValue<string>(),
            Status = rule["Status"]?.GetValue<string>() == "Disabled" ? LifecycleRuleStatus.Disabled : LifecycleRuleStatus.Enabled,
            Filter = new LifecycleFilter
            {
                LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = rule["Prefix"]?.GetValue<string>() ?? "" },
            },
        };
        if (rule["ExpirationInDays"] is { } days)
        {
            result.Expiration = new LifecycleRuleExpiration { Days = days.GetValue<int>() };
        }
        if (rule["AbortIncompleteMultipartUpload"]?["DaysAfterInitiation"] is { } abortDays)
        {
            result.AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = abortDays.GetValue<int>() };
        }
        return result;
    }

    private static CORSRule ToCorsRule(JsonObject rule)
    {
        static List<string> Strings(JsonNode? node) => node is JsonArray values ? [.. values.Select(v => v!.GetValue<string>())] : [];
        return new CORSRule
        {
            Id = rule["Id"]?.GetValue<string>(),
            AllowedOrigins = Strings(rule["AllowedOrigins"]),
            AllowedMethods = Strings(rule["AllowedMethods"]),
            AllowedHeaders = Strings(rule["AllowedHeaders"]),
            ExposeHeaders = Strings(rule["ExposedHeaders"]),
            MaxAgeSeconds = rule["MaxAge"]?.GetValue<int>(),
        };
    }
}
