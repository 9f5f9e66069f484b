using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Relief.Store.Feedback.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ServiceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CardUuid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AcceptedSuggestions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReasonSystem = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReasonCode = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ReasonDisplay = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    UserComment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cds_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cds_issued_cards",
                columns: table => new
                {
                    Uuid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ServiceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CardType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Indicator = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FirstIssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
