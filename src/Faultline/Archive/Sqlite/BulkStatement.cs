using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Faultline.Archive.Sqlite;

/// <summary>
/// One prepared statement run through SQLite's own API, for writes of a million rows: binding through ADO.NET costs a
/// parameter binder and a UTF-8 copy per value and a reader per row, more than SQLite's own work. Text is bound as
/// UTF-16 and converted by SQLite. Runs inside whatever transaction the connection holds.
/// </summary>
internal sealed class BulkStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public BulkStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1).</summary>
    public BulkStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1); null binds NULL.</summary>
    public BulkStatement Bind(int index, string? value)
    {
        // An empty span would reach SQLite as a null pointer, which binds NULL rather than "".
        Check(value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            "" => raw.sqlite3_bind_text(_statement, index, ""),
            _ => raw.sqlite3_bind_text16(_statement, index, value.AsSpan()),
        });
        return this;
    }

    /// <summary>Runs the statement with what is bound, then makes it ready for the next row.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE) Check(rc);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW)) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }
}
