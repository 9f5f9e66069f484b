using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Relief.Store.Feedback.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cds_feedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CardUuid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AcceptedSuggestions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReasonSystem = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ReasonDisplay = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    UserComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cds_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cds_issued_cards",
                columns: table => new
                {
                    Uuid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ServiceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CardType = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FirstIssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cds_issued_cards", x => x.Uuid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cds_feedback_ServiceId_CardUuid_Outcome_OutcomeAt",
                table: "cds_feedback",
                columns: new[] { "ServiceId", "CardUuid", "Outcome", "OutcomeAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cds_issued_cards_CardType",
                table: "cds_issued_cards",
                column: "CardType");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cds_feedback");

            migrationBuilder.DropTable(
                name: "cds_issued_cards");
        }
    }
}
