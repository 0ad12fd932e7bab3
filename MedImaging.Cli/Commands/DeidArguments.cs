using System.Security.Cryptography;
using System.Text;
using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Cli.Commands;

/// <summary>Arguments of `medimaging deid`: inputs, output directory, secret and policy.</summary>
public sealed record DeidArguments(
    IReadOnlyList<string> Inputs,
    string OutputDirectory,
    byte[] Secret,
    bool SecretGiven,
    DeidentificationPolicy Policy,
    bool WriteAudit,
    int Threads = 0)
{
    public const string SecretVariable = "MEDIMAGING_DEID_SECRET";

    /// <summary>Parses the arguments; throws ArgumentException with a message fit for the user.</summary>
    public static DeidArguments Parse(IReadOnlyList<string> args)
    {
        var inputs = new List<string>();
        string? output = null, secret = null;
        var policy = DeidentificationPolicy.Basic;
        var safePrivate = new List<SafePrivateAttribute>();
        var pixelRules = new List<PixelCleaningRule>();
        var audit = false;
        var threads = 0;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "-o" or "--output": output = Value(); break;
                    case "--secret": secret = Value(); break;
                    case "--option": policy = PolicyOptionNames.Apply(policy, Value()); break;
                    case "--safe-private": safePrivate.Add(SafePrivateAttribute.Parse(Value())); break;
                    case "--pixel-rule": pixelRules.Add(PixelCleaningRuleParser.Parse(Value())); break;
                    case "--audit": audit = true; break;
                    case "--threads": threads = int.TryParse(Value(), out var t) && t > 0 ? t : throw new ArgumentException("--threads needs a positive number"); break;
                    case var flag when flag.StartsWith('-') && flag.Length > 1: throw new ArgumentException($"unknown flag {flag}");
                    default: inputs.Add(args[i]); break;
                }
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, e);
            }
        }
        if (inputs.Count == 0 || output is null)
            throw new ArgumentException("need at least one FILE and -o DIR");
        secret ??= Environment.GetEnvironmentVariable(SecretVariable);
        var secretBytes = secret is { Length: > 0 } ? Encoding.UTF8.GetBytes(secret) : RandomNumberGenerator.GetBytes(32);
        policy = (policy with { SafePrivateAttributes = safePrivate, PixelCleaningRules = pixelRules }).Validate();
        return new DeidArguments(inputs, output, secretBytes, secret is { Length: > 0 }, policy, audit, threads);
    }
}
