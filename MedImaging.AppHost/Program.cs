using MedImaging.AppHost.Hosting;
using MedImaging.AppHost.Provisioning;

if (args is ["synth", ..])
{
    var cache = new TemplateCache(RepositoryLayout.Discover().CacheDirectory);
    Console.WriteLine(cache.GetOrSynthesize());
    return 0;
}
Console.WriteLine("MedImaging AppHost: under construction");
return 0;
