using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Relief.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DiaryScoresIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_measurements_DiaryEntryId",
                table: "measurements",
                column: "DiaryEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_measurements_DiaryEntryId",
                table: "measurements");
        }
    }
}
