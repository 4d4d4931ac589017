namespace ProductBrowser.Accounts;

/// <summary>The configured users cannot be accepted (for example a demo admin password outside Development).</summary>
public sealed class AccountConfigurationException(string message) : Exception(message);
