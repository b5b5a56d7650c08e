using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActionOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "actions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "actions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "result",
                table: "actions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attempts",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "result",
                table: "actions");
        }
    }
}
