namespace MedImaging.Silo.Runtime;

/// <summary>Base of a grain class, as in Orleans: the runtime activates it for one key and one turn at a time.</summary>
public abstract class Grain
{
    private string? _primaryKey;

    public string GetPrimaryKeyString() => _primaryKey ?? throw new InvalidOperationException("The grain is not activated.");

    internal void Activate(string primaryKey) => _primaryKey = primaryKey;
}
