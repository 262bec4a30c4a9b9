namespace BarberPro.Tests.TestSupport;

/// <summary>
/// <see cref="BarberProWebApp"/> with <c>Database:Provider=PostgreSQL</c>: the real app on Kestrel over a fresh
/// database on the test PostgreSQL server (see <see cref="PostgreSqlTestDatabase"/>), migrated and demo-seeded by the
/// app's own start-up. Dropped on dispose.
/// </summary>
public sealed class PostgreSqlWebApp : BarberProWebApp
{
    private (string Name, string ConnectionString)? _database;

    // Read by the base constructor, before this class's fields are initialised; hence created here, once.
    protected override IReadOnlyDictionary<string, string?> Settings =>
        PostgreSqlTestDatabase.Settings(Database.ConnectionString, maxRetryCount: 0);

    private (string Name, string ConnectionString) Database =>
        _database ??= Task.Run(PostgreSqlTestDatabase.CopyTemplateAsync).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_database is { } database)
            Task.Run(() => PostgreSqlTestDatabase.DropAsync(database.Name, database.ConnectionString)).GetAwaiter().GetResult();
    }
}
