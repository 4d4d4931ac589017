using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace ProductBrowser.Accounts;

/// <summary>
/// Applies the accounts migrations, ensures the roles, and creates configured users that do not exist yet. Idempotent:
/// existing users keep their passwords; a configured role is added if missing. Instances starting together take turns
/// (a PostgreSQL advisory lock), so two of them never create the same user at once.
/// </summary>
public sealed partial class AccountSeeder(
    AccountsDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<SecurityOptions> options,
    IHostEnvironment environment,
    ILogger<AccountSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Users;
        if (!environment.IsDevelopment())
        {
            var weak = configured.FirstOrDefault(u => u.Role == Roles.Admin
                && (string.IsNullOrWhiteSpace(u.Password) || u.Password == SecurityOptions.DemoPassword));
            if (weak is not null)
            {
                throw new AccountConfigurationException(
                    $"Admin user '{weak.UserName}' has an empty or demo password, which is only allowed in Development. " +
                    "Set Security__Users__N__Password to a strong secret (environment variable or secret store).");
            }
        }

        // The lock is the session's: the context keeps this one connection open until the seed is done.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
            try
            {
                await SeedLockedAsync(configured, cancellationToken);
            }
            finally
            {
                // Explicitly: a pooled connection keeps its session (and the lock) until it is next used.
                await db.Database.ExecuteSqlRawAsync(UnlockSql, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // A constant of the app's own ("PBAccoun" in ASCII), so the lock never collides with another application's.
    private const string LockSql = "SELECT pg_advisory_lock(5783256766622954862)";
    private const string UnlockSql = "SELECT pg_advisory_unlock(5783256766622954862)";

    private async Task SeedLockedAsync(IReadOnlyList<ConfiguredUser> configured, CancellationToken cancellationToken)
    {
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        foreach (var entry in configured)
        {
            var user = await users.FindByNameAsync(entry.UserName);
            if (user is null)
            {
                user = new AppUser { UserName = entry.UserName, DisplayName = string.IsNullOrWhiteSpace(entry.DisplayName) ? entry.UserName : entry.DisplayName };
                var created = await users.CreateAsync(user, entry.Password);
                if (!created.Succeeded)
                {
                    throw new AccountConfigurationException(
                        $"User '{entry.UserName}' could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                }

                LogCreated(logger, entry.UserName, entry.Role);
            }

            if (!await users.IsInRoleAsync(user, entry.Role))
            {
                await users.AddToRoleAsync(user, entry.Role);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created user {UserName} ({Role})")]
    private static partial void LogCreated(ILogger logger, string userName, string role);
}
