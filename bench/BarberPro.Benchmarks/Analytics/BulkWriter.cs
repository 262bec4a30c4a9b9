using System.Data.Common;
using BarberPro.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BarberPro.Benchmarks.Analytics;

/// <summary>
/// Writes many entities of one type straight into their table, bypassing the change tracker: on SQLite one prepared
/// INSERT executed per row inside the caller's transaction, on PostgreSQL a binary COPY. Table, column names and the
/// stored form of every value (instants as ticks, money as centavos, enums as text, dates) come from the EF model's own
/// type mappings, so the rows are exactly what <c>SaveChanges</c> would have written.
/// </summary>
internal static class BulkWriter
{
    public static async Task WriteAsync<T>(BarberProDbContext db, IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0)
            return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        if (entityType.GetComplexProperties().Any())
            throw new NotSupportedException($"{typeof(T).Name} has complex properties; write it through EF.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table)))
            .Where(c => c.Column is not null)
            .Select(c => new Column(c.Column!, c.Property.GetRelationalTypeMapping(), c.Property.IsNullable,
                c.Property.IsShadowProperty() ? throw new NotSupportedException($"{typeof(T).Name}.{c.Property.Name} is a shadow property.") : c.Property.GetGetter()))
            .ToArray();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);

        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {tableName} ({columnList}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var column in columns)
                {
                    var value = column.ProviderValue(row);
                    if (value is null)
                        await importer.WriteNullAsync();
                    else
                        await importer.WriteAsync(value, column.Mapping.StoreTypeNameBase);
                }
            }
            await importer.CompleteAsync();
            return;
        }

        if (connection is not SqliteConnection)
            throw new NotSupportedException($"Bulk writes on {connection.GetType().Name}.");
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {tableName} ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        // The first row creates the parameters through the type mappings (which set their types); the rest only set values.
        for (var i = 0; i < columns.Length; i++)
            command.Parameters.Add(columns[i].Mapping.CreateParameter(command, "@p" + i, columns[i].Getter.GetClrValueUsingContainingEntity(rows[0]), columns[i].Nullable));
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
                command.Parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, bool Nullable, IClrPropertyGetter Getter)
    {
        public object? ProviderValue(object entity)
        {
            var value = Getter.GetClrValueUsingContainingEntity(entity);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
