namespace ProductBrowser.LocalServers;

/// <summary>A server binary is not installed. The message says how to get it.</summary>
public sealed class PrerequisiteMissingException(string message) : Exception(message);
