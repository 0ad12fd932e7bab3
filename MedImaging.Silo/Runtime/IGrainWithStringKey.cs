namespace MedImaging.Silo.Runtime;

/// <summary>Marks a grain interface keyed by a string (Orleans' interface of the same name).</summary>
public interface IGrainWithStringKey;
