using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BarberPro.Domain.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BookingFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CancelledAt",
                table: "Bookings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledByRole",
                table: "Bookings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CancelledLate",
                table: "Bookings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CreatedByRole",
                table: "Bookings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ProviderId_LocalStartDate",
                table: "Bookings",
                columns: new[] { "ProviderId", "LocalStartDate" });

            // Existing bookings: who made them and how they were cancelled, from their history; "late" against the
            // shop's window as it is now (the best that is known for the past).
            migrationBuilder.Sql(@"UPDATE ""Bookings"" SET ""CreatedByRole"" = COALESCE((SELECT h.""ByRole"" FROM ""BookingHistory"" h WHERE h.""BookingId"" = ""Bookings"".""Id"" AND h.""Action"" IS NULL ORDER BY h.""At"" LIMIT 1), 'Customer');");
            migrationBuilder.Sql(@"UPDATE ""Bookings"" SET
    ""CancelledAt"" = (SELECT h.""At"" FROM ""BookingHistory"" h WHERE h.""BookingId"" = ""Bookings"".""Id"" AND h.""Action"" = 'Cancel' ORDER BY h.""At"" DESC LIMIT 1),
    ""CancelledByRole"" = (SELECT h.""ByRole"" FROM ""BookingHistory"" h WHERE h.""BookingId"" = ""Bookings"".""Id"" AND h.""Action"" = 'Cancel' ORDER BY h.""At"" DESC LIMIT 1)
WHERE ""Status"" = 'Cancelled';");
            migrationBuilder.Sql(@"UPDATE ""Bookings"" SET ""CancelledLate"" = (""CancelledAt"" > ""Start"" - (SELECT CAST(s.""CancellationWindowMinutes"" AS BIGINT) FROM ""Shops"" s WHERE s.""Id"" = ""Bookings"".""ShopId"") * CAST(600000000 AS BIGINT))
WHERE ""CancelledAt"" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_ProviderId_LocalStartDate",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "CancelledByRole",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "CancelledLate",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "CreatedByRole",
                table: "Bookings");
        }
    }
}
