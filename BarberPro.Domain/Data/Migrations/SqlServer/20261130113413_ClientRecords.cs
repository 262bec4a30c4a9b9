using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BarberPro.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClientRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BlockedOnlineAt",
                table: "ShopCustomers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "ShopCustomers",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataRightsRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Action = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataRightsRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DataRightsRecords_CustomerId_At",
                table: "DataRightsRecords",
                columns: new[] { "CustomerId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataRightsRecords");

            migrationBuilder.DropColumn(
                name: "BlockedOnlineAt",
                table: "ShopCustomers");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "ShopCustomers");
        }
    }
}
