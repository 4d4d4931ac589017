namespace ProductBrowser.ScaleOut;

public static class StoppingInstanceExtensions
{
    /// <summary>
    /// Once this instance has begun to stop (SIGTERM), its Blazor hub answers 503. SignalR closes the circuits' connections
    /// as the stop begins, but the server still accepts new ones until the app's hosted services have stopped: a browser
    /// reconnecting at once would land here again, reattach to its doomed circuit, and hold the stop up for the whole
    /// shutdown timeout before losing it anyway. Refused, it keeps trying until nginx sends it to a live instance.
    /// </summary>
    public static WebApplication UseNoNewCircuitsWhileStopping(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) =>
        {
            if (stopping.IsCancellationRequested && context.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
