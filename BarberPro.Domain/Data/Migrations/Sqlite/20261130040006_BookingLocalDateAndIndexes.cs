using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BarberPro.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookingLocalDateAndIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
