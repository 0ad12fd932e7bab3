namespace MedImaging.Pipeline.Routing;

public enum Destination
{
    Xray,
    CtScan,
    General,
    Quarantine,
}
