namespace ProductBrowser.Accounts;

/// <summary>Bound from <c>Security</c>: who may sign in, and whether browsing needs it.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>The password the run command's demo users get. Refused for admins outside Development.</summary>
    public const string DemoPassword = "Demo-Password-1";

    /// <summary>Kiosk mode for shared warehouse tablets: browsing and lookups without signing in. Admin tools never.</summary>
    public bool AllowAnonymousBrowsing { get; set; }

    /// <summary>Users created at start-up when missing (existing users and their passwords are left alone).</summary>
    public List<ConfiguredUser> Users { get; set; } = [];

    /// <summary>Sign-in attempts one client address may make per minute, whatever the user names (against password spraying).</summary>
    public int SignInAttemptsPerAddress { get; set; } = 20;

    /// <summary>
    /// Sign-in attempts for one user name from one client address per five minutes. Below the lockout threshold (5
    /// failures), so one address can never lock an account; locking one takes failures from several addresses.
    /// </summary>
    public int SignInAttemptsPerUserAndAddress { get; set; } = 4;
}

public sealed class ConfiguredUser
{
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string Role { get; set; } = Roles.Staff;

    public string DisplayName { get; set; } = "";
}
