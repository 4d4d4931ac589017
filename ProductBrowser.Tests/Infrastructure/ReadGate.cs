using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Holds the results of product reads back until released, once armed: the query has run on its snapshot, so what the
/// caller gets is the row as it was then, however long the gate stays shut. Puts a write between a miss's database
/// read and its store.
/// </summary>
public sealed class ReadGate : DbCommandInterceptor
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when an armed read has run and is being held.</summary>
    public Task Held => _held.Task;

    /// <summary>The next product read is held (once).</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    public void Release() => _open.TrySetResult();

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM products", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _held.TrySetResult();
            await _open.Task;
        }

        return result;
    }
}
