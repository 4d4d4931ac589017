using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProductBrowser.Accounts;

public static class AccountsExtensions
{
    public const string AdminPolicy = "Admin";

    /// <summary>
    /// Identity with its EF store in the catalog database, cookie sign-in, lockout, and authorization: signed-in users
    /// by default (anonymous browsing only in kiosk mode), the <see cref="AdminPolicy"/> for the cache tools.
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .Bind(builder.Configuration.GetSection(SecurityOptions.SectionName))
            .Validate(o => o.Users.All(u => !string.IsNullOrWhiteSpace(u.UserName) && Roles.All.Contains(u.Role)),
                $"Every Security:Users entry needs a UserName and a Role of {string.Join(" or ", Roles.All)}.")
            .Validate(o => o.SignInAttemptsPerAddress is >= 1 and <= 100_000 && o.SignInAttemptsPerUserAndAddress is >= 1 and <= 100_000,
                "Security:SignInAttemptsPerAddress and Security:SignInAttemptsPerUserAndAddress must be between 1 and 100000.")
            .ValidateOnStart();

        builder.Services.AddDbContext<AccountsDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable(AccountsDbContext.MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention());

        builder.Services.AddIdentityCore<AppUser>(options =>
            {
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "productbrowser.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
            // An API client is told, not sent to an HTML page: 401 or 403 with a problem+json body.
            cookie.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? ApiRefusalAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign-in required",
                    "This API needs a signed-in session: sign in at /account/login and send its cookie.")
                : Redirect(context);
            cookie.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? ApiRefusalAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed",
                    "Your account does not have the role this needs.")
                : Redirect(context);
        });

        builder.Services.AddAuthorization(options => options.AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin)));
        builder.Services.AddOptions<AuthorizationOptions>().Configure<IOptions<SecurityOptions>>((authorization, security) =>
        {
            if (!security.Value.AllowAnonymousBrowsing)
            {
                authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AccountSeeder>();
        builder.Services.AddSingleton<SignInThrottle>();
        return builder;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task ApiRefusalAsync(HttpContext context, int status, string title, string detail)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            // Cookie sign-in has no registered challenge scheme; the header still says what to bring.
            context.Response.Headers.WWWAuthenticate = "Cookie realm=\"ProductBrowser\", login=\"/account/login\"";
        }

        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }

    /// <summary>Creates or updates the accounts tables, then the configured users; refuses demo admin passwords in production.</summary>
    public static async Task PrepareAccountsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>POST /account/logout (antiforgery-checked like every form).</summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // The endpoint binds no form fields, so the antiforgery middleware would not check it by itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The sign-out form expired; reload the page and try again.");
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }
}
