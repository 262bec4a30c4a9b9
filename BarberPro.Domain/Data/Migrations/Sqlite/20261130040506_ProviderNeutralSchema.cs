using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BarberPro.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProviderNeutralSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Price",
                table: "Offerings",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "TEXT",
                oldPrecision: 14,
                oldScale: 2);

            migrationBuilder.AlterColumn<long>(
                name: "Price",
                table: "Bookings",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "TEXT",
                oldPrecision: 14,
                oldScale: 2);

            // Prices were decimals stored as TEXT ("12000.0"); the rebuilt INTEGER columns now hold pesos, so turn them
            // into centavos. Existing bookings get their shop-local start date at start-up (DatabaseInitializer).
            migrationBuilder.Sql("""UPDATE "Offerings" SET "Price" = CAST(ROUND("Price" * 100) AS INTEGER);""");
            migrationBuilder.Sql("""UPDATE "Bookings" SET "Price" = CAST(ROUND("Price" * 100) AS INTEGER);""");

            migrationBuilder.AddColumn<DateOnly>(
                name: "LocalStartDate",
                table: "Bookings",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.CreateIndex(
                name: "IX_TimeOff_ProviderId_End",
                table: "TimeOff",
                columns: new[] { "ProviderId", "End" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ProviderId_Start",
                table: "Bookings",
                columns: new[] { "ProviderId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ShopId_LocalStartDate",
                table: "Bookings",
                columns: new[] { "ShopId", "LocalStartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimeOff_ProviderId_End",
                table: "TimeOff");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_ProviderId_Start",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_ShopId_LocalStartDate",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "LocalStartDate",
                table: "Bookings");

            migrationBuilder.Sql("""UPDATE "Offerings" SET "Price" = "Price" / 100.0;""");
            migrationBuilder.Sql("""UPDATE "Bookings" SET "Price" = "Price" / 100.0;""");

            migrationBuilder.AlterColumn<decimal>(
                name: "Price",
                table: "Offerings",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<decimal>(
                name: "Price",
                table: "Bookings",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");
        }
    }
}
