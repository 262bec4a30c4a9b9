using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BarberPro.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaffTwoFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequiresStaffTwoFactor",
                table: "Shops",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequiresStaffTwoFactor",
                table: "Shops");
        }
    }
}
