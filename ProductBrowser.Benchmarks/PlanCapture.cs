using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ProductBrowser.Benchmarks;

/// <summary>
/// Records the SQL (and parameters) EF sends while armed, so each measured query's plan can be shown with
/// EXPLAIN (ANALYZE, BUFFERS) exactly as the app runs it.
/// </summary>
internal sealed class PlanCapture : DbCommandInterceptor
{
    private readonly List<(string Sql, NpgsqlParameter[] Parameters)> _captured = [];
    private bool _armed;

    public async Task<string> ExplainAsync(NpgsqlDataSource dataSource, Func<Task> run)
    {
        lock (_captured)
        {
            _captured.Clear();
            _armed = true;
        }

        try
        {
            await run();
        }
        finally
        {
            _armed = false;
        }

        var text = new StringBuilder();
        foreach (var (sql, parameters) in _captured.ToList())
        {
            await using var command = dataSource.CreateCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql);
            command.Parameters.AddRange(parameters);
            text.AppendLine(sql).AppendLine();
            text.AppendLine("-- parameters: " + string.Join(", ", parameters.Select(p => $"{p.ParameterName}={Show(p.Value)}"))).AppendLine();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }

            text.AppendLine().AppendLine(new string('-', 80)).AppendLine();
        }

        return text.ToString();
    }

    private int _count;
    private bool _counting;

    /// <summary>How many SQL commands EF sends while <paramref name="run"/> runs.</summary>
    public async Task<int> CountAsync(Func<Task> run)
    {
        Interlocked.Exchange(ref _count, 0);
        _counting = true;
        try
        {
            await run();
        }
        finally
        {
            _counting = false;
        }

        return _count;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (_counting)
        {
            Interlocked.Increment(ref _count);
        }

        if (_armed)
        {
            lock (_captured)
            {
                _captured.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToArray()));
            }
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    private static string Show(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => s.Length > 60 ? $"'{s[..57]}…'" : $"'{s}'",
        _ => value.ToString() ?? "",
    };
}
