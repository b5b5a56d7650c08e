using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WaitingOnClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "waiting_since",
                table: "messages",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "waiting_since",
                table: "messages");
        }
    }
}
