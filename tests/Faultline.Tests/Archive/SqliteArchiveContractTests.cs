using Faultline.Archive;
using Faultline.Archive.Sqlite;

namespace Faultline.Tests.Archive;

/// <summary>The storage contract over a real SQLite file.</summary>
public sealed class SqliteArchiveContractTests : ArchiveContract
{
    protected override IArchive Create(string folder) => SqliteArchive.Open(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db"));
}
