using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WaitingOnClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "waiting_since",
                table: "messages",
                type: "timestamp with time zone",
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
