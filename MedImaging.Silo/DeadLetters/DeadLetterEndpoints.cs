namespace MedImaging.Silo.DeadLetters;

public static class DeadLetterEndpoints
{
    /// <summary><c>POST /dead-letters/redrive</c>: what the dashboard's redrive command calls (the Silo listens on loopback only).</summary>
    public static WebApplication MapDeadLetterRedrive(this WebApplication app)
    {
        app.MapPost("/dead-letters/redrive", async (DeadLetterRedrive redrive, CancellationToken cancellationToken) =>
            TypedResults.Ok(await redrive.RedriveAsync(cancellationToken)));
        return app;
    }
}
