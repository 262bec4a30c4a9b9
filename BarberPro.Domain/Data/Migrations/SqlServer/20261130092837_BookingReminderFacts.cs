using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BarberPro.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class BookingReminderFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ConfirmedByCustomer",
                table: "Bookings",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ReminderSentAt",
                table: "Bookings",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_CustomerId_ShopId_Status_LocalStartDate",
                table: "Bookings",
                columns: new[] { "CustomerId", "ShopId", "Status", "LocalStartDate" });
        
            // Existing bookings: whether their customer confirmed them, and when their first reminder went out.
            migrationBuilder.Sql(@"UPDATE [Bookings] SET [ConfirmedByCustomer] = CASE WHEN EXISTS (SELECT 1 FROM [BookingHistory] h WHERE h.[BookingId] = [Bookings].[Id] AND h.[Action] = 'Confirm' AND h.[ByRole] = 'Customer') THEN 1 ELSE 0 END;");
            migrationBuilder.Sql(@"UPDATE [Bookings] SET [ReminderSentAt] = (SELECT MIN(n.[SentAt]) FROM [Notifications] n WHERE n.[BookingId] = [Bookings].[Id] AND n.[Kind] = 'Reminder' AND n.[Status] = 'Sent');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_CustomerId_ShopId_Status_LocalStartDate",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ConfirmedByCustomer",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ReminderSentAt",
                table: "Bookings");
        }
    }
}
