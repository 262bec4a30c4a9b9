using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BarberPro.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SeriesSessionsWaitlist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SeriesHorizonMonths",
                table: "Shops",
                type: "int",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.AddColumn<int>(
                name: "WaitlistHoldMinutes",
                table: "Shops",
                type: "int",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<Guid>(
                name: "SessionId",
                table: "OutboxMessages",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WaitlistEntryId",
                table: "OutboxMessages",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SeriesId",
                table: "Bookings",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SeriesIndex",
                table: "Bookings",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SessionId",
                table: "Bookings",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BookingSeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ShopId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OfferingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Frequency = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FirstStart = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PatternCount = table.Column<int>(type: "int", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingSeries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BookingSeries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BookingSeries_Offerings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "Offerings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BookingSeries_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BookingSeries_Shops_ShopId",
                        column: x => x.ShopId,
                        principalTable: "Shops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ShopId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OfferingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Start = table.Column<long>(type: "bigint", nullable: false),
                    End = table.Column<long>(type: "bigint", nullable: false),
                    BlockedStart = table.Column<long>(type: "bigint", nullable: false),
                    BlockedEnd = table.Column<long>(type: "bigint", nullable: false),
                    LocalStartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Capacity = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CancelledAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupSessions_Offerings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "Offerings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_Shops_ShopId",
                        column: x => x.ShopId,
                        principalTable: "Shops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WaitlistEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ShopId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OfferingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    From = table.Column<TimeOnly>(type: "time", nullable: true),
                    To = table.Column<TimeOnly>(type: "time", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    OfferProviderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OfferStart = table.Column<long>(type: "bigint", nullable: true),
                    OfferEnd = table.Column<long>(type: "bigint", nullable: true),
                    OfferBlockedStart = table.Column<long>(type: "bigint", nullable: true),
                    OfferBlockedEnd = table.Column<long>(type: "bigint", nullable: true),
                    OfferedAt = table.Column<long>(type: "bigint", nullable: true),
                    OfferExpiresAt = table.Column<long>(type: "bigint", nullable: true),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaitlistEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WaitlistEntries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WaitlistEntries_GroupSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "GroupSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WaitlistEntries_Offerings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "Offerings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WaitlistEntries_Shops_ShopId",
                        column: x => x.ShopId,
                        principalTable: "Shops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_SeriesId_SeriesIndex",
                table: "Bookings",
                columns: new[] { "SeriesId", "SeriesIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_SessionId",
                table: "Bookings",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_BookingSeries_CustomerId",
                table: "BookingSeries",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_BookingSeries_OfferingId",
                table: "BookingSeries",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_BookingSeries_ProviderId",
                table: "BookingSeries",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_BookingSeries_ShopId",
                table: "BookingSeries",
                column: "ShopId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_OfferingId",
                table: "GroupSessions",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_ProviderId_BlockedStart_BlockedEnd",
                table: "GroupSessions",
                columns: new[] { "ProviderId", "BlockedStart", "BlockedEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_ShopId_Start",
                table: "GroupSessions",
                columns: new[] { "ShopId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_CustomerId_Status",
                table: "WaitlistEntries",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_OfferingId",
                table: "WaitlistEntries",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_OfferProviderId_Status_OfferBlockedStart",
                table: "WaitlistEntries",
                columns: new[] { "OfferProviderId", "Status", "OfferBlockedStart" });

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_SessionId",
                table: "WaitlistEntries",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_ShopId_Date_Status_CreatedAt",
                table: "WaitlistEntries",
                columns: new[] { "ShopId", "Date", "Status", "CreatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Bookings_BookingSeries_SeriesId",
                table: "Bookings",
                column: "SeriesId",
                principalTable: "BookingSeries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Bookings_GroupSessions_SessionId",
                table: "Bookings",
                column: "SessionId",
                principalTable: "GroupSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Bookings_BookingSeries_SeriesId",
                table: "Bookings");

            migrationBuilder.DropForeignKey(
                name: "FK_Bookings_GroupSessions_SessionId",
                table: "Bookings");

            migrationBuilder.DropTable(
                name: "BookingSeries");

            migrationBuilder.DropTable(
                name: "WaitlistEntries");

            migrationBuilder.DropTable(
                name: "GroupSessions");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_SeriesId_SeriesIndex",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_SessionId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "SeriesHorizonMonths",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "WaitlistHoldMinutes",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "WaitlistEntryId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "SeriesIndex",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "Bookings");
        }
    }
}
