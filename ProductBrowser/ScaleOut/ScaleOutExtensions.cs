using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using StackExchange.Redis;

namespace ProductBrowser.ScaleOut;

/// <summary>What lets several instances run side by side behind a load balancer with sticky sessions.</summary>
public static class ScaleOutExtensions
{
    public const string ApplicationName = "ProductBrowser";

    public const string InstanceHeader = "X-Instance";

    /// <summary>
    /// Data-protection keys in the shared Redis under the same application name, so cookies and antiforgery tokens
    /// from one instance are valid on every other; the instance name from configuration.
    /// </summary>
    public static IHostApplicationBuilder AddScaleOut(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InstanceOptions>()
            .Bind(builder.Configuration.GetSection(InstanceOptions.SectionName))
            .Validate(o => o.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'),
                "Instance:Name may hold only letters, digits, '-', '_' and '.'.")
            .ValidateOnStart();

        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddSingleton(sp => new SharedKeyRingRepository(
            sp.GetRequiredService<RedisGateway>(),
            DataProtectionKey(sp.GetRequiredService<IOptions<CacheOptions>>().Value),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SharedKeyRingRepository>>()));
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<SharedKeyRingRepository>((options, repository) => options.XmlRepository = repository);
        // Replaces the framework's registration (AddDataProtection only adds its own when none exists).
        builder.Services.AddSingleton<IKeyManager>(sp => new SharedKeyRingKeyManager(
            new XmlKeyManager(
                sp.GetRequiredService<IOptions<KeyManagementOptions>>(),
                sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.Internal.IActivator>(),
                sp.GetRequiredService<ILoggerFactory>()),
            sp.GetRequiredService<SharedKeyRingRepository>()));
        return builder;
    }

    /// <summary>Names the instance in every response when <see cref="InstanceOptions.Name"/> is set.</summary>
    public static WebApplication UseInstanceName(this WebApplication app)
    {
        var name = app.Services.GetRequiredService<IOptions<InstanceOptions>>().Value.Name;
        if (name.Length > 0)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers[InstanceHeader] = name;
                return next(context);
            });
        }

        return app;
    }

    // Beside the cache entries, under the app's prefix but outside their versioned namespace, so flushing the cache
    // never drops the keys (which would sign everyone out). One key: fine on Redis Cluster.
    internal static RedisKey DataProtectionKey(CacheOptions options) => $"{options.KeyPrefix}:data-protection-keys";
}
