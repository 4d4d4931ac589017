using System.Globalization;

namespace ProductBrowser.Benchmarks.Circuits;

/// <summary>Command line: <c>--app PATH --circuits 200 --products 10000 --interactions 200 --warmup-tabs 16 --report PATH [--main-report docs/benchmarks.md]</c>.</summary>
public sealed record CircuitCapacityOptions(
    string AppDll, int Circuits, int Products, int Interactions, string Report, TimeSpan Settle, TimeSpan IdleWindow, int WarmupTabs, string? MainReport)
{
    public const string AdminUser = "admin";

    public static CircuitCapacityOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new CircuitCapacityOptions(
            Path.GetFullPath(Value("--app", "ProductBrowser/bin/Release/net10.0/publish/ProductBrowser.dll")),
            Number("--circuits", 200),
            Number("--products", 10_000),
            Number("--interactions", 200),
            Value("--report", "docs/benchmarks/circuits.md"),
            TimeSpan.FromSeconds(Number("--settle-seconds", 10)),
            TimeSpan.FromSeconds(Number("--idle-seconds", 30)),
            Number("--warmup-tabs", 16),
            Value("--main-report", "") is { Length: > 0 } main ? Path.GetFullPath(main) : null);
    }
}
