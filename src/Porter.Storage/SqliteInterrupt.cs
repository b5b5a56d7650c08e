using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Porter.Storage;

/// <summary>
/// Makes a SQLite query stop when its cancellation token fires (a browser that leaves a report, a service that stops).
/// Microsoft.Data.Sqlite runs a statement to its end whatever the token says (its <c>Cancel</c> does nothing), so a long
/// aggregate would go on using a core after nobody waits for it; this registers <c>sqlite3_interrupt</c> on the
/// connection for as long as the command runs (until its reader is closed), and the statement then ends with
/// SQLITE_INTERRUPT (<see cref="Messages.MessageReports"/> turns that into an <see cref="OperationCanceledException"/>).
/// </summary>
internal sealed class SqliteInterrupt : DbCommandInterceptor
{
    public static readonly SqliteInterrupt Instance = new();

    private readonly ConditionalWeakTable<DbCommand, Registration> running = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Register(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Register(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Release(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Release(command);
        return result;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Release(command);
        return result;
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(command);
        return Task.CompletedTask;
    }

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(command);
        return Task.CompletedTask;
    }

    private void Register(DbCommand command, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || command.Connection is not SqliteConnection connection)
        {
            return;
        }

        CancellationTokenRegistration registration = cancellationToken.Register(static state =>
        {
            if (((SqliteConnection)state!).Handle is { } handle)
            {
                SQLitePCL.raw.sqlite3_interrupt(handle);
            }
        }, connection);
        running.AddOrUpdate(command, new Registration(registration));
    }

    private void Release(DbCommand command)
    {
        if (running.TryGetValue(command, out Registration? registration))
        {
            running.Remove(command);
            registration.Value.Dispose();
        }
    }

    /// <summary>A registration, boxed for the table.</summary>
    private sealed record Registration(CancellationTokenRegistration Value);
}
